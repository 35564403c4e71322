import Redis from 'ioredis';
import { Logger } from 'pino';

/** What @fastify/rate-limit needs to count in Redis, and how to let go of the connection at close. */
export interface RateLimitStore {
  options: { redis?: Redis; nameSpace?: string; skipOnError?: boolean };
  close(): Promise<void>;
}

/**
 * Where the per-address limits are counted. Without REDIS_URL: each instance's memory (one
 * instance, or a deliberate N-times ceiling). With it: Redis, so every instance draws on one count
 * per address, through the plugin's own Redis store (an atomic Lua INCR + PEXPIRE per request).
 *
 * Redis being down must not stop people signing in: the limits are a generous outer fence (brute
 * force is stopped per account and per code in the database), so a failing store lets the request
 * through (`skipOnError`) and the outage is logged. Connect and command timeouts are short (the
 * plugin's advice) so a dead Redis costs a request at most a fraction of a second.
 */
/** `config`: the shared store's settings (REDIS_URL, REDIS_KEY_PREFIX), given by bootstrap: the kernel reads no configuration. */
export function rateLimitStore(config: { redisUrl?: string; redisKeyPrefix: string }, logger: Logger): RateLimitStore {
  if (!config.redisUrl) return { options: {}, close: async () => undefined };
  const redis = new Redis(config.redisUrl, {
    connectTimeout: 500,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    // Do not queue commands while disconnected: fail fast, and let skipOnError pass the request.
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    // One line per outage, not one per reconnect attempt; never the URL (it may hold a password).
    if (!reported)
      logger.warn(
        { err: { message: error.message } },
        'Redis for the rate limits is unreachable: limits not enforced until it is back',
      );
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('Redis for the rate limits is reachable again');
    reported = false;
  });
  return {
    options: { redis, nameSpace: `${config.redisKeyPrefix}rate-limit:`, skipOnError: true },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
