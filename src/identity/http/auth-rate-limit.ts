import { RouteConfig } from '@nestjs/platform-fastify';
import { loadConfigValue } from './auth-rate-limit.config';

/**
 * Per-address ceiling on the unauthenticated routes. Generous on purpose (a whole school or NHS
 * trust may share one address); brute force is stopped per account and per code instead.
 */
export const AuthRateLimited = () =>
  RouteConfig({ rateLimit: { max: loadConfigValue(), timeWindow: '1 minute' } });
