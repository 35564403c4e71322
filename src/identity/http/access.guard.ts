import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { ForbiddenError, DomainError } from '../../shared/errors/domain-error';
import { Access, ACCESS_KEY, PortalRequest } from '../../shared/http/access';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/http/session-cookies';
import { CsrfError } from '../domain/identity-errors';
import { AuthenticateSession } from '../application/session.use-cases';
import { csrfMatches } from './csrf';
import { AuthenticatedRequest } from './current-auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

class IntegrationKeyError extends DomainError {
  constructor() {
    // Its own code: a 401 here must not clear a browser's session cookies (integration routes ignore them).
    super('invalid_integration_key', 'unauthenticated', 'A valid integration key is required');
  }
}

/** Runs on every route (registered globally): session → CSRF → role, or the integration key. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly keyDigests: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateSession,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Compare digests, so every comparison has the same length and runs in constant time.
    this.keyDigests = config.integrationApiKeys.map((k) => createHash('sha256').update(k).digest());
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'session';
    const request = context.switchToHttp().getRequest<PortalRequest>();
    if (access === 'public') return true;
    if (access === 'integration') {
      this.checkIntegrationKey(request.headers.authorization);
      return true;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const touch = !(request.method === 'GET' && (request.query as Record<string, unknown>)?.touch === 'false');
    const { session, account } = await this.authenticate.execute(token, touch);
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfMatches(token!, Array.isArray(header) ? header[0] : header)) throw new CsrfError();
    }
    request.principal = {
      accountId: account.id,
      sessionId: session.id,
      email: account.email,
      name: account.fullName(),
      organisation: account.organisation,
      roles: account.roles,
    };
    (request as AuthenticatedRequest).auth = { session, account };
    if (access === 'admin' && !account.isAdmin()) throw new ForbiddenError();
    return true;
  }

  private checkIntegrationKey(header: string | undefined): void {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    if (!match) throw new IntegrationKeyError();
    const digest = createHash('sha256').update(match[1]).digest();
    let ok = false;
    for (const known of this.keyDigests) ok = timingSafeEqual(known, digest) || ok;
    if (!ok) throw new IntegrationKeyError();
  }
}
