import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { AccountIdentity } from '../domain/account';
import { SessionExpiredError, UnauthenticatedError } from '../domain/identity-errors';
import { Session } from '../domain/session';
import { hashToken } from '../domain/verification-code';
import { SessionRepository } from './identity.ports';

export interface Authenticated {
  session: Session;
  /** Its identity only: a route that shows the whole account loads it (AccountViews.current). */
  account: AccountIdentity;
}

/**
 * Resolves a session cookie on every authenticated request: one indexed read (the session joined to
 * its account), and a write at most once a minute to slide the idle deadline. No transaction: the read
 * is one statement and the write a single conditional UPDATE. An expired session is not written
 * down: its state follows from its own timestamps, so every later request answers the same
 * (`session_expired`, or `unauthenticated` for a disabled account) until the cleanup job removes it.
 */
@Injectable()
export class AuthenticateSession {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(token: string | undefined, countsAsActivity: boolean): Promise<Authenticated> {
    if (!token || token.length > 100) throw new UnauthenticatedError();
    const now = this.clock.now();
    const found = await this.sessions.findByTokenHash(hashToken(token));
    if (!found) throw new UnauthenticatedError();
    const { session, account } = found;
    const state = session.state(now);
    if (state === 'ended') throw new UnauthenticatedError();
    if (state !== 'active') throw new SessionExpiredError();
    if (account.disabled) throw new UnauthenticatedError();
    if (countsAsActivity && session.needsActivityWrite(now)) {
      await this.sessions.recordActivity(session.id, now);
      session.lastSeenAt = now;
    }
    return { session, account };
  }
}

@Injectable()
export class Logout {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(sessionId: string): Promise<void> {
    await this.uow.run(() => this.sessions.end(sessionId, this.clock.now()));
  }
}
