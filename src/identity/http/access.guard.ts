import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { IntegrationKeyThrottle } from './integration-key-throttle';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AccessConfig } from '../../config/config-slices';
import { ForbiddenError, DomainError } from '../../shared/errors/domain-error';
import { Access, ACCESS_KEY, PortalRequest } from '../../shared/http/access';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/http/session-cookies';
import { CsrfError } from '../domain/identity-errors';
import { AuthenticateSession } from '../application/session.use-cases';
import { csrfMatches } from './csrf';
import { AuthenticatedRequest } from './current-auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A throttled address's wrong keys are answered this much later: a guesser slows down. */
const THROTTLED_KEY_DELAY_MS = 1000;

class IntegrationKeyThrottledError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'too_many', 'Too many requests: wait a moment and try again', { extra: { retryAfterSeconds } });
  }
}

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
  private readonly keyThrottle = new IntegrationKeyThrottle();
  private readonly logger = new Logger('Integration');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateSession,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    config: AccessConfig,
  ) {
    // Compare digests, so every comparison has the same length and runs in constant time.
    this.keyDigests = config.integrationApiKeys.map((k) => createHash('sha256').update(k).digest());
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'session';
    const request = context.switchToHttp().getRequest<PortalRequest>();
    if (access === 'public') return true;
    if (access === 'integration') {
      await this.checkIntegrationKey(request.headers.authorization, request.ip);
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
      language: account.preferredLanguage,
    };
    (request as AuthenticatedRequest).auth = { session, account };
    if (access === 'admin' && !account.isAdmin()) throw new ForbiddenError();
    return true;
  }

  /**
   * A wrong key is counted per client address (see IntegrationKeyThrottle) and recorded once per
   * window. The right key always passes, so nobody sharing an address with the case system (a proxy
   * without TRUST_PROXY, say) can lock it out; a throttled address's wrong keys wait a second and get
   * 429. A request with no bearer token at all (a browser) is not a guess and is not counted.
   */
  private async checkIntegrationKey(header: string | undefined, address: string): Promise<void> {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    if (!match) throw new IntegrationKeyError();
    const digest = createHash('sha256').update(match[1]).digest();
    let ok = false;
    for (const known of this.keyDigests) ok = timingSafeEqual(known, digest) || ok;
    if (ok) return;
    const now = this.clock.now().getTime();
    const wait = this.keyThrottle.blockedFor(address, now);
    if (wait !== null) {
      await new Promise((resolve) => setTimeout(resolve, THROTTLED_KEY_DELAY_MS));
      throw new IntegrationKeyThrottledError(wait);
    }
    if (this.keyThrottle.recordFailure(address, now)) {
      this.logger.warn(`wrong integration key from ${address}`);
      await this.audit.record({ actor: { type: 'system' }, action: 'integration.key_rejected', to: { address } });
    }
    throw new IntegrationKeyError();
  }
}
