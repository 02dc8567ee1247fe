-- wrk script: PATCH one cluster with a body that changes on every request (a label value), so every request is a
-- real write (a no-op patch would not touch the database). Set the path with: wrk ... -s patch.lua URL -- PATH
-- Headers given with wrk -H (e.g. Authorization) are sent too. Each wrk thread counts in its own range, so no two
-- requests carry the same value.
local path = "/api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66"
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  if args[1] then path = args[1] end
  counter = (id or 0) * 1000000000
end

function request()
  counter = counter + 1
  local body = '{"labels":{"bench":"' .. counter .. '"}}'
  local headers = {["Content-Type"] = "application/merge-patch+json"}
  for name, value in pairs(wrk.headers) do
    if headers[name] == nil then headers[name] = value end
  end
  return wrk.format("PATCH", path, headers, body)
end
