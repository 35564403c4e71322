-- One wrk script for every scenario of `npm run bench`; the mode and the data come from the
-- environment (the bench writes the data files from the seeded database):
--   BENCH_MODE   get | save | pickup | submit | login
--   BENCH_FILE   tab-separated lines, split between wrk threads in contiguous blocks
--                get:    path  token
--                save:   taskId  version  token  csrf       (each task owned by one thread)
--                pickup: taskId  token  csrf                 (consecutive lines race for one task; each line used once)
--                submit: taskId  version  token  csrf        (each line used once)
--                login:  email  password
--   BENCH_BODIES save: one answers JSON per line
--   BENCH_THREADS the -t value
-- done() prints one line, "BENCH_RESULT <json>", that the bench parses.

local MODE = os.getenv("BENCH_MODE") or "get"
local FILE = os.getenv("BENCH_FILE")
local BODIES_FILE = os.getenv("BENCH_BODIES")
local THREADS = tonumber(os.getenv("BENCH_THREADS") or "1")

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "[^\t]+") do table.insert(fields, field) end
  return fields
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then table.insert(lines, line) end
  end
  return lines
end

local rows = {}
local bodies = {}
local prepared = {}
local cursor = 0
local versions = {}
local busy = {}
local seq = 0
counts = {}
exhausted = 0

function init(args)
  local all = read_lines(FILE)
  local per = math.floor(#all / THREADS)
  local first = tid * per + 1
  local last = (tid == THREADS - 1) and #all or (tid + 1) * per
  for i = first, last do table.insert(rows, split(all[i])) end
  if MODE == "get" then
    for i, r in ipairs(rows) do
      prepared[i] = wrk.format("GET", r[1], { ["Cookie"] = "portal_session=" .. r[2] })
    end
  elseif MODE == "save" then
    bodies = read_lines(BODIES_FILE)
    for i, r in ipairs(rows) do
      versions[i] = tonumber(r[2])
      busy[i] = false
    end
  elseif MODE == "pickup" then
    for i, r in ipairs(rows) do
      prepared[i] = wrk.format("POST", "/api/v1/tasks/" .. r[1] .. "/pickup",
        { ["Cookie"] = "portal_session=" .. r[2], ["X-CSRF-Token"] = r[3] })
    end
  elseif MODE == "submit" then
    for i, r in ipairs(rows) do
      prepared[i] = wrk.format("POST", "/api/v1/tasks/" .. r[1] .. "/submit",
        { ["Cookie"] = "portal_session=" .. r[3], ["X-CSRF-Token"] = r[4], ["Content-Type"] = "application/json" },
        '{"version":' .. r[2] .. '}')
    end
  elseif MODE == "login" then
    for i, r in ipairs(rows) do
      prepared[i] = wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" },
        '{"email":"' .. r[1] .. '","password":"' .. r[2] .. '"}')
    end
  end
end

local function next_prepared()
  cursor = cursor + 1
  if cursor > #prepared then
    if MODE == "submit" or MODE == "pickup" then
      -- every task was submitted / raced for once: stop rather than measure cheap 409s
      exhausted = 1
      wrk.thread:stop()
    end
    cursor = 1
  end
  return prepared[cursor]
end

if MODE == "save" then
  request = function()
    local n = #rows
    for _ = 1, n do
      cursor = cursor % n + 1
      if not busy[cursor] then break end
    end
    local k = cursor
    busy[k] = true
    seq = seq + 1
    local r = rows[k]
    local body = '{"version":' .. versions[k] .. ',"answers":' .. bodies[(seq % #bodies) + 1] .. '}'
    return wrk.format("PUT", "/api/v1/tasks/" .. r[1] .. "/answers",
      { ["Cookie"] = "portal_session=" .. r[3], ["X-CSRF-Token"] = r[4], ["Content-Type"] = "application/json",
        ["X-Request-Id"] = "bench-" .. k .. "-" .. seq }, body)
  end
else
  request = function() return next_prepared() end
end

if MODE ~= "get" then
  response = function(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    if MODE == "save" then
      local id = headers["x-request-id"] or headers["X-Request-Id"] or ""
      local k = tonumber(string.match(id, "^bench%-(%d+)%-"))
      if k then
        busy[k] = false
        if status == 200 then
          local v = tonumber(string.match(body, '"version":(%d+)'))
          if v then versions[k] = v end
        end
      end
    end
  end
end

function done(summary, latency, requests)
  local statuses = {}
  local stopped = 0
  for _, t in ipairs(threads) do
    local c = t:get("counts") or {}
    for status, n in pairs(c) do statuses[tostring(status)] = (statuses[tostring(status)] or 0) + n end
    stopped = stopped + (t:get("exhausted") or 0)
  end
  local parts = {}
  for status, n in pairs(statuses) do table.insert(parts, string.format('"%s":%d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d},"statuses":{%s},"threadsExhausted":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(parts, ","), stopped))
end
