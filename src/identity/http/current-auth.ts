import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { PortalRequest } from '../../shared/http/access';
import { Authenticated } from '../application/session.use-cases';

export type AuthenticatedRequest = PortalRequest & { auth?: Authenticated };

/** The session and account the guard resolved, for the identity routes that describe them. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): Authenticated => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('CurrentAuth used on a route without a session');
  return auth;
});
