-- wrk script for bench/live/run.sh: GET {SKB_ROWS_PATH}{random entry id}, the ids taken from
-- SKB_ENTRY_IDS (space-separated), one random id per request (the HTTP twin of ZREVRANK member:rand).
local ids = {}
for id in string.gmatch(os.getenv("SKB_ENTRY_IDS") or "", "%d+") do ids[#ids + 1] = id end
local prefix = os.getenv("SKB_ROWS_PATH") or "/api/v1/boards/e1/rows/"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  if #ids == 0 then error("SKB_ENTRY_IDS is empty") end
  math.randomseed(os.time() + (seed or 0) * 7919)
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
