import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import type { Language } from '../i18n/language';

/**
 * Every route is closed by default: it needs a session unless marked otherwise here. The guard that
 * enforces this is the one place where "who may call what" is decided at the HTTP edge.
 */
export type Access = 'session' | 'public' | 'integration' | 'admin';
export const ACCESS_KEY = 'portal:access';

/** No session: registration, login, password reset, health. Cookies are ignored entirely. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
/** The case system's key (Bearer); cookies ignored. */
export const IntegrationApi = () => SetMetadata(ACCESS_KEY, 'integration' satisfies Access);
/** A session whose account has the `admin` role (403 `forbidden` otherwise). */
export const AdminOnly = () => SetMetadata(ACCESS_KEY, 'admin' satisfies Access);

export interface Principal {
  accountId: string;
  sessionId: string;
  email: string;
  name: string;
  organisation: string;
  roles: string[];
  /** The account's preferredLanguage: what the portal writes to this person in (emails, PDFs). */
  language?: Language;
}

export type PortalRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<PortalRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without a session');
  return request.principal;
});
