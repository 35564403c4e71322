import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { PortalConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { calendarDate } from '../../shared/dates';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Account } from '../domain/account';
import { ChallengeGoneError, InvalidCodeError } from '../domain/identity-errors';
import { Session } from '../domain/session';
import { hashToken, newSecretToken } from '../domain/verification-code';
import { AccountRepository, ChallengeRepository, SessionRepository } from './identity.ports';

export interface StartedSession {
  token: string;
  session: Session;
  account: Account;
}

/** Step two: the emailed code. The right one opens a session. */
@Injectable()
export class VerifyLogin {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(challengeId: string, code: string): Promise<StartedSession> {
    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const challenge = await this.challenges.findLoginChallenge(challengeId, { forUpdate: true });
      if (!challenge) return 'wrong' as const;
      const account = await this.accounts.findById(challenge.accountId, { forUpdate: true });
      const today = calendarDate(now, this.config.portalTimezone);
      if (!account || account.disabled || account.codesBlocked(today)) return 'dead' as const;
      const check = challenge.check(code, now);
      if (check === 'wrong') account.recordCodeFailure(today);
      if (check !== 'ok') return check;
      challenge.markUsed(now);
      const token = newSecretToken();
      const session = Session.open(newId(), hashToken(token), account.id, now);
      this.sessions.add(session);
      await this.audit.record({ actor: { type: 'account', id: account.id }, action: 'account.login', accountId: account.id });
      return { token, session, account };
    });
    if (outcome === 'wrong') throw new InvalidCodeError();
    if (outcome === 'dead') throw new ChallengeGoneError('challenge_expired');
    return outcome;
  }
}
