-- Run by tests/neovim.rs: `nvim --headless --clean -u attach.lua`.
-- Opens a document, attaches `ordinary lsp` with Neovim's own LSP client,
-- waits for diagnostics, asks for a hover and the code actions at the
-- first one, applies the quick fix "Replace “Service users” with “People”", and writes what
-- it saw as JSON. Works with Neovim 0.7 (Debian 12) and later.
local bin = os.getenv('ORDINARY_BIN')
local file = os.getenv('ORDINARY_FILE')
local out = os.getenv('ORDINARY_OUT')

local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'

local config = {
  name = 'ordinary',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
}
if vim.lsp.start then
  vim.lsp.start(config, { bufnr = buf })
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end

local result = { diagnostics = {} }
result.attached = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
if not result.attached then
  return finish(result)
end

local diagnostics = vim.diagnostic.get(buf)
table.sort(diagnostics, function(a, b)
  return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
end)
for _, d in ipairs(diagnostics) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    code = d.code or lsp.code,
    severity = d.severity,
    source = d.source,
    message = d.message,
  })
end

-- The LSP position of the first diagnostic (its column in UTF-16 units).
local first = diagnostics[1]
local line = vim.api.nvim_buf_get_lines(buf, first.lnum, first.lnum + 1, false)[1]
local _, character = vim.str_utfindex(line, first.col)
local position = { line = first.lnum, character = character }
local document = { uri = vim.uri_from_bufnr(buf) }

local hovers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = document,
  position = position,
}, 10000) or {}
for _, response in pairs(hovers) do
  if response.result then
    result.hover = response.result.contents.value
  end
end

local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = document,
  range = { start = position, ['end'] = position },
  context = { diagnostics = {} },
}, 10000) or {}
result.actions = {}
for _, response in pairs(actions) do
  for _, action in ipairs(response.result or {}) do
    table.insert(result.actions, action.title)
    if action.title == 'Replace “Service users” with “People”' then
      -- As Neovim's own code action handler does: an action offered
      -- without its edit (Neovim says it can resolve one) is resolved first.
      local edit = action.edit
      if edit == nil then
        result.resolved = true
        local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, 10000) or {}
        for _, answer in pairs(resolved) do
          if answer.result then
            edit = answer.result.edit
          end
        end
      end
      if edit ~= nil then
        vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
      end
    end
  end
end
result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
finish(result)
