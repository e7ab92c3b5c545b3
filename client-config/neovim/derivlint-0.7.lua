-- derivlint for Neovim 0.7 (Debian bookworm's 0.7.2): vim.lsp.start_client +
-- vim.lsp.buf_attach_client, one client per project root.
-- Use: copy into your init.lua, or save as ~/.config/nvim/plugin/derivlint.lua.
-- For Neovim 0.8-0.10 use derivlint-0.10.lua, for 0.11+ derivlint.lua.
-- Neovim has no LSP notebook sync: this checks .py files.

-- How to start the server; for a virtualenv e.g.
-- { vim.fn.getcwd() .. '/.venv/bin/python', '-m', 'derivlint', 'server' }
-- (or set vim.g.derivlint_cmd to such a list before this file runs).
local cmd = vim.g.derivlint_cmd or { 'derivlint', 'server' }

-- The `derivlint` settings: sent as initializationOptions and answered on
-- workspace/configuration (section "derivlint") by Neovim's default handler,
-- which reads `settings`. Leave a key out for its default.
local settings = {
  diagnosticsScope = 'workspace', -- or 'openFiles'
  inlayHints = true,              -- (0.7 has no inlay hints UI)
  -- select = { 'S1' },           -- replaces the pyproject.toml selection
  -- ignore = { 'S107' },
  -- extendSelect = { 'E' },
  -- severity = { S102 = 'error', ['bad-shape-annotation'] = 'off' },
}

--- The folder holding pyproject.toml or .git above the buffer's file (else the cwd).
--- (0.7 has no vim.fs: use findfile/finddir with an upward `;` path.)
local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local pyproject = vim.fn.findfile('pyproject.toml', start .. ';')
  if pyproject ~= '' then
    return vim.fn.fnamemodify(pyproject, ':p:h')
  end
  local git = vim.fn.finddir('.git', start .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return vim.fn.getcwd()
end

local clients = {} -- root_dir -> client id

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('derivlint', { clear = true }),
  pattern = 'python',
  callback = function(args)
    local root = root_dir(args.buf)
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = 'derivlint',
        cmd = cmd,
        root_dir = root,
        settings = { derivlint = settings },
        init_options = settings,
      })
      if id == nil then
        vim.notify('derivlint: could not start ' .. table.concat(cmd, ' '), vim.log.levels.ERROR)
        return
      end
      clients[root] = id
    end
    vim.lsp.buf_attach_client(args.buf, id)
    -- :DerivlintFixAll applies every safe derivlint fix in the buffer.
    vim.api.nvim_buf_create_user_command(args.buf, 'DerivlintFixAll', function()
      vim.lsp.buf.code_action({ only = { 'source.fixAll.derivlint' }, diagnostics = {} })
    end, { desc = 'derivlint: apply all fixes' })
  end,
})
