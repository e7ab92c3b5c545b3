-- Headless Neovim (0.7+) driving derivlint through Neovim's own LSP client.
-- Used by tests/editors/test_neovim.py as `nvim --headless -u init.lua FILE.py`.
--
-- Inputs (environment):
--   DERIVLINT_NVIM_CONFIG  the client config under test (client-config/neovim/derivlint-0.7.lua)
--   DERIVLINT_NVIM_CMD     the server command, a JSON list (set as vim.g.derivlint_cmd)
--   DERIVLINT_NVIM_OUT     where to write the results (JSON)
--   DERIVLINT_NVIM_HOVER   "line:character" (0-based) to hover at
--   DERIVLINT_NVIM_ACTION  0-based line to ask code actions for
--   DERIVLINT_NVIM_LOG_LEVEL  optional vim.lsp log level (e.g. "debug": the RPC traffic)
--
-- `-u` runs before the file is loaded, so the work happens on VimEnter; the
-- config's FileType autocmd starts and attaches the client when the file loads.

local env = vim.env
if env.DERIVLINT_NVIM_LOG_LEVEL then
  vim.lsp.set_log_level(env.DERIVLINT_NVIM_LOG_LEVEL)
end
vim.g.derivlint_cmd = vim.fn.json_decode(env.DERIVLINT_NVIM_CMD)
dofile(env.DERIVLINT_NVIM_CONFIG)

local out = { errors = {} }

local function note(msg)
  table.insert(out.errors, msg)
end

--- The one response of the derivlint client in a buf_request_sync answer.
local function only_result(responses, err, what)
  if responses == nil then
    note(what .. ': no response: ' .. tostring(err))
    return nil
  end
  for _, response in pairs(responses) do
    if response.err then
      note(what .. ': error: ' .. vim.inspect(response.err))
    end
    return response.result
  end
  note(what .. ': empty response table')
  return nil
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  out.file = vim.api.nvim_buf_get_name(buf)
  out.filetype = vim.bo[buf].filetype
  out.log_path = vim.lsp.get_log_path()

  out.waited = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)

  -- Only initialized clients are listed (0.7 keeps the others aside until
  -- `initialize` is answered), so look after the wait.
  out.clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    table.insert(out.clients, { name = client.name, cmd = client.config.cmd })
  end

  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(out.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      message = d.message,
      source = d.source,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end

  local uri = vim.uri_from_bufnr(buf)

  local hover_line, hover_char = env.DERIVLINT_NVIM_HOVER:match('^(%d+):(%d+)$')
  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = tonumber(hover_line), character = tonumber(hover_char) },
  }, 5000)
  local hover = only_result(responses, err, 'hover')
  if hover ~= nil then
    local contents = hover.contents
    out.hover_kind = contents.kind or vim.NIL
    out.hover = contents.value or contents
  end

  -- The context as Neovim's own vim.lsp.buf.code_action builds it on 0.7:
  -- vim.diagnostic.get() entries keep LSP fields under user_data.lsp and are
  -- not LSP diagnostics; get_line_diagnostics converts them back.
  local line = tonumber(env.DERIVLINT_NVIM_ACTION)
  local context_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, line)
  out.action_context_codes = vim.tbl_map(function(d)
    return d.code
  end, context_diagnostics)
  local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
  responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = #text } },
    context = { diagnostics = context_diagnostics },
  }, 5000)
  local actions = only_result(responses, err, 'codeAction')
  out.actions = {}
  for _, action in ipairs(actions or {}) do
    table.insert(out.actions, { title = action.title, kind = action.kind or vim.NIL })
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      note('init.lua failed: ' .. tostring(err))
    end
    local f = assert(io.open(env.DERIVLINT_NVIM_OUT, 'w'))
    f:write(vim.fn.json_encode(out))
    f:close()
    vim.cmd('qall!')
  end,
})
