/**
 * The Lua scripts of the adapter. Each runs atomically in Redis; offsets are integers formatted with
 * `%d` (Lua's default number format would write large ones in exponent notation). A new epoch starts
 * its offsets at Redis's clock in microseconds, so offsets keep growing across a Redis restart.
 */

/** Shared prologue: the epoch (created when missing) in `epoch`. KEYS[1] = meta, ARGV[1] = epoch candidate. */
const ENSURE_EPOCH = `
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  local now = redis.call('TIME')
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'e', epoch, 's', string.format('%d', tonumber(now[1]) * 1000000 + tonumber(now[2])))
end
`;

/** Append one entry to the log and publish it: KEYS[2] = log; `channel`, `maxLength`, `entry` are Lua variables. */
const APPEND = `
local function append(channel, maxLength, entry)
  local offset = redis.call('HINCRBY', KEYS[1], 's', 1)
  local text = string.format('%d', offset)
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', maxLength, text .. '-0', 'm', entry)
  redis.call('PUBLISH', channel, epoch .. ':' .. text .. ':' .. entry)
  return offset
end
`;

/**
 * Sequence one entry, once per publish number. KEYS: meta, log, side hash, side set.
 * ARGV: epoch candidate, channel, max length, gateway id, publish number, entry, op, field, value.
 * `op`: `none`, `hset`/`hdel` (side hash field), `node` (register: side hash field = value, side set
 * member), `unnode` (delete the node only if its route's connId is `value`; nothing appended when not).
 * Returns `{offset, epoch}`; offset 0 when the entry was already applied or not needed.
 */
export const SEQUENCE_SCRIPT = `${ENSURE_EPOCH}${APPEND}
local publishKey = 'p:' .. ARGV[4]
local last = tonumber(redis.call('HGET', KEYS[1], publishKey) or '0')
if tonumber(ARGV[5]) <= last then return {0, epoch} end
redis.call('HSET', KEYS[1], publishKey, ARGV[5])
local op = ARGV[7]
if op == 'hset' then
  redis.call('HSET', KEYS[3], ARGV[8], ARGV[9])
elseif op == 'hdel' then
  redis.call('HDEL', KEYS[3], ARGV[8])
elseif op == 'node' then
  redis.call('HSET', KEYS[3], ARGV[8], ARGV[9])
  redis.call('SADD', KEYS[4], ARGV[8])
elseif op == 'unnode' then
  local current = redis.call('HGET', KEYS[3], ARGV[8])
  if not current or cjson.decode(current).route.connId ~= ARGV[9] then return {0, epoch} end
  redis.call('HDEL', KEYS[3], ARGV[8])
end
return {append(ARGV[2], ARGV[3], ARGV[6]), epoch}
`;

/**
 * Renew this gateway's lease. KEYS: meta, gateways, gateway info, presence hash, node set.
 * ARGV: epoch candidate, gateway id, lease ms, info JSON.
 * Returns `{hadLease, epoch, nowMs}`: hadLease 0 means the lease was gone (first start, eviction, or
 * Redis lost its data), so the gateway must register its presence and nodes again.
 */
export const RENEW_SCRIPT = `${ENSURE_EPOCH}
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local had = redis.call('ZSCORE', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[2], string.format('%d', nowMs + tonumber(ARGV[3])), ARGV[2])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[3]) * 4)
redis.call('PEXPIRE', KEYS[5], tonumber(ARGV[3]) * 4)
if had then return {1, epoch, nowMs} end
return {0, epoch, nowMs}
`;

/**
 * Evict gateways: those whose lease expired, or `ARGV[5]` (a gateway saying goodbye). Deletes their
 * presence, nodes and bookkeeping, and appends a `down` entry for each, naming a live gateway (`a`)
 * that announces the new presence to its clients. KEYS: meta, log, gateways,
 * gateway info, nodes. ARGV: epoch candidate, channel, max length, key prefix, leaving gateway id or "".
 * Returns the number evicted.
 */
export const EVICT_SCRIPT = `${ENSURE_EPOCH}${APPEND}
local dead
if ARGV[5] ~= '' then
  dead = {ARGV[5]}
else
  local now = redis.call('TIME')
  dead = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)))
end
for _, id in ipairs(dead) do
  redis.call('ZREM', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('HDEL', KEYS[1], 'p:' .. id)
  redis.call('DEL', ARGV[4] .. 'presence:' .. id)
  local nodeSet = ARGV[4] .. 'nodes:' .. id
  for _, nodeId in ipairs(redis.call('SMEMBERS', nodeSet)) do
    local current = redis.call('HGET', KEYS[5], nodeId)
    if current and cjson.decode(current).g == id then redis.call('HDEL', KEYS[5], nodeId) end
  end
  redis.call('DEL', nodeSet)
  local announcer = redis.call('ZRANGE', KEYS[3], 0, 0)[1] or ''
  append(ARGV[2], ARGV[3], cjson.encode({k = 'down', g = id, a = announcer}))
end
return #dead
`;

/**
 * The cluster state at one offset. KEYS: meta, gateways, nodes. ARGV: epoch candidate, key prefix.
 * Returns `{epoch, offset, nodes (flat field/value list), gatewayId1, presence1 (flat), …}`.
 */
export const SNAPSHOT_SCRIPT = `${ENSURE_EPOCH}
local result = {epoch, redis.call('HGET', KEYS[1], 's'), redis.call('HGETALL', KEYS[3])}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  table.insert(result, id)
  table.insert(result, redis.call('HGETALL', ARGV[2] .. 'presence:' .. id))
end
return result
`;
