-- wrk script for scripts/soak: a mix of 80% GET of one cluster, 10% list of the project's clusters and 10% PATCH
-- (a label whose value changes on every request, so each PATCH is a real write and the document does not grow).
-- Headers given with wrk -H (e.g. Authorization) are sent on every request.
local cluster = "/api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66"
local list = "/api/v2/projects/jb4kfzwsxl/clusters"
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = (id or 0) * 1000000000
end

function request()
  counter = counter + 1
  local slot = counter % 10
  if slot == 0 then
    local headers = {["Content-Type"] = "application/merge-patch+json"}
    for name, value in pairs(wrk.headers) do
      if headers[name] == nil then headers[name] = value end
    end
    return wrk.format("PATCH", cluster, headers, '{"labels":{"soak":"' .. counter .. '"}}')
  elseif slot == 5 then
    return wrk.format("GET", list)
  end
  return wrk.format("GET", cluster)
end
