-- One wrk script for every scenario of `npm run bench`; the mode and the data come from the
-- environment (the bench writes the data files from the seeded database):
--   BENCH_MODE   get | save | pickup | submit | login
--   BENCH_FILE   tab-separated lines, split between wrk threads in contiguous blocks
--                get:    path  token
--                save:   taskId  version  token  csrf       (each task owned by one thread)
--                pickup: taskId  token  csrf                 (consecutive lines race for one task; each line used once)
--                submit: taskId  version  token  csrf        (each line used once)
--                login:  email  password
--                mix:    kind  then the fields of that kind's mode (get, save, pickup, submit); each kind's
--                        lines are split between threads on their own
--   BENCH_MIX    mix: percentages "get,save,pickup,submit" (e.g. 80,15,4,1); each request draws its kind.
--                A pickup or submit once its lines are used up, or a save while all drafts are in
--                flight, becomes a read. Every request carries an X-Request-Id naming its kind; the
--                latency of each answer is measured here (wrk's own histogram mixes the kinds) and
--                done() reports percentiles per kind.
--   BENCH_PACE_MS mix: when set, each connection waits a random 0 to 2× this many ms before each
--                request, so the offered rate is set by the pace rather than by how fast answers come
--   BENCH_BODIES save: one answers JSON per line
--   BENCH_THREADS the -t value
-- done() prints one line, "BENCH_RESULT <json>", that the bench parses.

local MODE = os.getenv("BENCH_MODE") or "get"
local FILE = os.getenv("BENCH_FILE")
local BODIES_FILE = os.getenv("BENCH_BODIES")
local THREADS = tonumber(os.getenv("BENCH_THREADS") or "1")
local MIX = os.getenv("BENCH_MIX") or "100,0,0,0"
local PACE_MS = tonumber(os.getenv("BENCH_PACE_MS") or "0")

-- Paced: a closed loop at saturation measures mostly the wait behind heavier requests (a mix costs
-- more CPU per request than reads alone); at a set rate below saturation a read's latency shows
-- only what the other requests do to it. wrk calls delay() before each request, and request()
-- after it, so the latencies timed below leave the pause out.
if PACE_MS > 0 then
  function delay() return math.random(0, 2 * PACE_MS) end
end

-- A monotonic clock in microseconds for the mix's own latencies (LuaJIT's FFI; wrk links LuaJIT).
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

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

local function share(all)
  local per = math.floor(#all / THREADS)
  local first = tid * per + 1
  local last = (tid == THREADS - 1) and #all or (tid + 1) * per
  local mine = {}
  for i = first, last do table.insert(mine, all[i]) end
  return mine
end

-- mix: each kind's rows and state
local mix = { weights = {}, get = {}, save = {}, pickup = {}, submit = {}, cursor = { get = 0, pickup = 0, submit = 0 } }
local started = {}
latencies = {}

local function format_get(r) return wrk.format("GET", r[1], { ["Cookie"] = "portal_session=" .. r[2] }) end

function init(args)
  local all = read_lines(FILE)
  if MODE == "mix" then
    local byKind = { get = {}, save = {}, pickup = {}, submit = {} }
    for _, line in ipairs(all) do
      local f = split(line)
      local kind = table.remove(f, 1)
      table.insert(byKind[kind], f)
    end
    for kind, lines in pairs(byKind) do
      local per = math.floor(#lines / THREADS)
      local first = tid * per + 1
      local last = (tid == THREADS - 1) and #lines or (tid + 1) * per
      for i = first, last do table.insert(mix[kind], lines[i]) end
    end
    local w = {}
    for n in string.gmatch(MIX, "[^,]+") do table.insert(w, tonumber(n)) end
    mix.weights = w
    bodies = read_lines(BODIES_FILE)
    for i, r in ipairs(mix.save) do
      versions[i] = tonumber(r[2])
      busy[i] = false
    end
    math.randomseed(1234 + tid)
    return
  end
  for _, line in ipairs(share(all)) do table.insert(rows, split(line)) end
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

local function mix_request()
  local roll = math.random() * 100
  local w = mix.weights
  local kind = "get"
  if roll >= w[1] then
    if roll < w[1] + w[2] then kind = "save"
    elseif roll < w[1] + w[2] + w[3] then kind = "pickup"
    else kind = "submit" end
  end
  if (kind == "pickup" or kind == "submit") and mix.cursor[kind] >= #mix[kind] then kind = "get" end
  local k = 0
  if kind == "save" then
    local n = #mix.save
    for _ = 1, n do
      cursor = cursor % n + 1
      if not busy[cursor] then k = cursor break end
    end
    if k == 0 then kind = "get" end
  end
  seq = seq + 1
  local id = "mix-" .. kind .. "-" .. k .. "-" .. seq
  started[id] = now_us()
  if kind == "get" then
    mix.cursor.get = mix.cursor.get % #mix.get + 1
    local r = mix.get[mix.cursor.get]
    return wrk.format("GET", r[1], { ["Cookie"] = "portal_session=" .. r[2], ["X-Request-Id"] = id })
  elseif kind == "save" then
    busy[k] = true
    local r = mix.save[k]
    local body = '{"version":' .. versions[k] .. ',"answers":' .. bodies[(seq % #bodies) + 1] .. '}'
    return wrk.format("PUT", "/api/v1/tasks/" .. r[1] .. "/answers",
      { ["Cookie"] = "portal_session=" .. r[3], ["X-CSRF-Token"] = r[4], ["Content-Type"] = "application/json",
        ["X-Request-Id"] = id }, body)
  elseif kind == "pickup" then
    mix.cursor.pickup = mix.cursor.pickup + 1
    local r = mix.pickup[mix.cursor.pickup]
    return wrk.format("POST", "/api/v1/tasks/" .. r[1] .. "/pickup",
      { ["Cookie"] = "portal_session=" .. r[2], ["X-CSRF-Token"] = r[3], ["X-Request-Id"] = id })
  else
    mix.cursor.submit = mix.cursor.submit + 1
    local r = mix.submit[mix.cursor.submit]
    return wrk.format("POST", "/api/v1/tasks/" .. r[1] .. "/submit",
      { ["Cookie"] = "portal_session=" .. r[3], ["X-CSRF-Token"] = r[4], ["Content-Type"] = "application/json",
        ["X-Request-Id"] = id }, '{"version":' .. r[2] .. '}')
  end
end

if MODE == "mix" then
  request = mix_request
elseif MODE == "save" then
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

if MODE == "mix" then
  response = function(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    local id = headers["x-request-id"] or headers["X-Request-Id"] or ""
    local t0 = started[id]
    if not t0 then return end
    started[id] = nil
    local kind, k = string.match(id, "^mix%-(%a+)%-(%d+)%-")
    -- A histogram of 100 µs buckets in one flat table keyed "kind:bucket": wrk copies a thread's
    -- tables to done() but cannot copy a nested one ("invalid key to 'next'").
    local key = kind .. ":" .. math.floor((now_us() - t0) / 100)
    latencies[key] = (latencies[key] or 0) + 1
    if kind == "save" then
      k = tonumber(k)
      busy[k] = false
      if status == 200 then
        local v = tonumber(string.match(body, '"version":(%d+)'))
        if v then versions[k] = v end
      end
    end
  end
elseif MODE ~= "get" then
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
  local perKind = {}
  if MODE == "mix" then
    for _, kind in ipairs({ "get", "save", "pickup", "submit" }) do
      local merged, keys, n = {}, {}, 0
      for _, t in ipairs(threads) do
        for key, count in pairs(t:get("latencies") or {}) do
          local k, bucket = string.match(key, "^(%a+):(%d+)$")
          local b = tonumber(bucket)
          if k == kind and not merged[b] then table.insert(keys, b) merged[b] = 0 end
          if k == kind then
            merged[b] = merged[b] + count
            n = n + count
          end
        end
      end
      table.sort(keys)
      -- the upper edge of the bucket the p-th percentile falls in, in µs
      local function pct(p)
        if n == 0 then return 0 end
        local want, seen = math.max(1, math.ceil(n * p / 100)), 0
        for _, b in ipairs(keys) do
          seen = seen + merged[b]
          if seen >= want then return (b + 1) * 100 end
        end
        return (keys[#keys] + 1) * 100
      end
      local all = { n = n }
      table.insert(perKind, string.format('"%s":{"n":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}',
        kind, all.n, pct(50), pct(90), pct(99), pct(100)))
    end
  end
  local parts = {}
  for status, n in pairs(statuses) do table.insert(parts, string.format('"%s":%d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d},"statuses":{%s},"threadsExhausted":%d,"kinds":{%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(parts, ","), stopped, table.concat(perKind, ",")))
end
