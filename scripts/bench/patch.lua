-- wrk script: PATCH one cluster with a body that changes on every request (a label value), so every request is a
-- real write (a no-op patch would not touch the database). Set the path with: wrk ... -s patch.lua URL -- PATH
local path = "/api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66"
local counter = 0

function init(args)
  if args[1] then path = args[1] end
  counter = math.random(1, 1000000) * 1000
end

function request()
  counter = counter + 1
  local body = '{"labels":{"bench":"' .. counter .. '"}}'
  return wrk.format("PATCH", path, {["Content-Type"] = "application/merge-patch+json"}, body)
end
