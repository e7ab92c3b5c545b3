-- derivlint for Neovim 0.8, 0.9 and 0.10 (vim.lsp.start in a FileType autocmd).
-- Use: copy into your init.lua, or save as ~/.config/nvim/plugin/derivlint.lua.
-- For Neovim 0.11+ use derivlint.lua, for 0.7 derivlint-0.7.lua.
-- Neovim has no LSP notebook sync: this checks .py files.

-- How to start the server; for a virtualenv e.g.
-- { vim.fn.getcwd() .. '/.venv/bin/python', '-m', 'derivlint', 'server' }
-- (or set vim.g.derivlint_cmd to such a list before this file runs).
local cmd = vim.g.derivlint_cmd or { 'derivlint', 'server' }

-- The `derivlint` settings: sent as initializationOptions and answered on
-- workspace/configuration (section "derivlint"). Leave a key out for its default.
local settings = {
  diagnosticsScope = 'workspace', -- or 'openFiles'
  inlayHints = true,
  -- select = { 'S1' },           -- replaces the pyproject.toml selection
  -- ignore = { 'S107' },
  -- extendSelect = { 'E' },
  -- severity = { S102 = 'error', ['bad-shape-annotation'] = 'off' },
}

--- The folder holding pyproject.toml or .git above the buffer's file (else the cwd).
local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fs.dirname(name) or vim.fn.getcwd()
  local marker = vim.fs.find({ 'pyproject.toml', '.git' }, { path = start, upward = true })[1]
  return marker and vim.fs.dirname(marker) or vim.fn.getcwd()
end

local function on_attach(client, bufnr)
  -- vim.lsp.inlay_hint exists from 0.10 on.
  if settings.inlayHints ~= false and vim.lsp.inlay_hint and client.server_capabilities.inlayHintProvider then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
  -- :DerivlintFixAll applies every safe derivlint fix in the buffer.
  vim.api.nvim_buf_create_user_command(bufnr, 'DerivlintFixAll', function()
    vim.lsp.buf.code_action({
      context = { only = { 'source.fixAll.derivlint' }, diagnostics = {} },
      apply = true,
    })
  end, { desc = 'derivlint: apply all fixes' })
end

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('derivlint', { clear = true }),
  pattern = 'python',
  callback = function(args)
    -- vim.lsp.start reuses the running client with the same name and root_dir.
    vim.lsp.start({
      name = 'derivlint',
      cmd = cmd,
      root_dir = root_dir(args.buf),
      settings = { derivlint = settings },
      init_options = settings,
      on_attach = on_attach,
    }, { bufnr = args.buf })
  end,
})
