-- wrk script for scripts/bench/run: GET a cluster chosen at random among the COUNT clusters the bench added, so that
-- most GETs miss kkp-mock's read cache (4096 clusters) and go to SQLite. The ids are those of the bench's
-- add_clusters: 'bb' and 8 base-27 digits of the row number, least significant first, in KKP's id alphabet.
--   BENCH_RANDOM_COUNT=99995 wrk ... -s random.lua URL
local alphabet = "bcdfghjklmnpqrstvwxz2456789"
local count = tonumber(os.getenv("BENCH_RANDOM_COUNT") or "100000")
local project = "jb4kfzwsxl"

function init(args)
  math.randomseed(os.time() + (id or 0))
end

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function request()
  local i = math.random(0, count - 1)
  local digits = {}
  for k = 0, 7 do
    local d = math.floor(i / 27 ^ k) % 27
    digits[#digits + 1] = alphabet:sub(d + 1, d + 1)
  end
  return wrk.format("GET", "/api/v2/projects/" .. project .. "/clusters/bb" .. table.concat(digits))
end
