import { RouteConfig } from '@nestjs/platform-fastify';
import { loadConfigValue } from './auth-rate-limit.config';

/**
 * Per-address ceiling on the unauthenticated routes. Generous on purpose (a whole school or NHS
 * trust may share one address); brute force is stopped per account and per code instead.
 *
 * On a controller it marks every route of it: Nest's Fastify adapter reads route configuration from
 * the handler only, so a class-level `RouteConfig` was silently ignored (registrations and password
 * resets had no limit at all).
 */
export const AuthRateLimited = (): ClassDecorator & MethodDecorator =>
  ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const mark = RouteConfig({ rateLimit: { max: loadConfigValue(), timeWindow: '1 minute' } });
    if (descriptor) return mark(target, key!, descriptor);
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof method?.value === 'function') mark(prototype, name, method);
    }
  }) as ClassDecorator & MethodDecorator;
