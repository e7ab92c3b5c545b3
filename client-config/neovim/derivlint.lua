-- derivlint for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
-- Use: copy into your init.lua, or save as ~/.config/nvim/plugin/derivlint.lua.
-- For Neovim 0.8-0.10 use derivlint-0.10.lua, for 0.7 derivlint-0.7.lua.
-- Neovim has no LSP notebook sync: this checks .py files (and the code of
-- notebooks opened as Python, e.g. with jupytext).

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

vim.lsp.config('derivlint', {
  cmd = cmd,
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', '.git' },
  settings = { derivlint = settings },
  init_options = settings,
  on_attach = function(client, bufnr)
    if settings.inlayHints ~= false and client:supports_method('textDocument/inlayHint') then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
    -- :DerivlintFixAll applies every safe derivlint fix in the buffer.
    vim.api.nvim_buf_create_user_command(bufnr, 'DerivlintFixAll', function()
      vim.lsp.buf.code_action({
        context = { only = { 'source.fixAll.derivlint' }, diagnostics = {} },
        apply = true,
      })
    end, { desc = 'derivlint: apply all fixes' })
  end,
})

vim.lsp.enable('derivlint')
