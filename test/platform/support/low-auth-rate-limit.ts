/**
 * Imported first by suites that exhaust the per-address limit: the route decorator reads the limit
 * when its module loads (auth-rate-limit.config.ts), so it must be in the environment before the app
 * is imported. 300 is the lowest the configuration accepts.
 */
process.env.AUTH_RATE_LIMIT_PER_MINUTE = '300';
export const AUTH_LIMIT = 300;
