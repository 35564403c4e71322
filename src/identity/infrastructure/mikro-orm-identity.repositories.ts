import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../shared/ids';
import { Account } from '../domain/account';
import { LoginChallenge } from '../domain/login-challenge';
import { PasswordReset } from '../domain/password-reset';
import { Registration } from '../domain/registration';
import { Session } from '../domain/session';
import {
  AccountRepository,
  ChallengeRepository,
  FindOptions,
  SessionRepository,
  SessionWithAccount,
} from '../application/identity.ports';

function lock(options?: FindOptions) {
  return options?.forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}

@Injectable()
export class MikroOrmAccountRepository extends AccountRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  findById(id: string, options?: FindOptions): Promise<Account | null> {
    return isUuid(id) ? this.em.findOne(Account, { id }, lock(options)) : Promise.resolve(null);
  }

  findByEmail(email: string): Promise<Account | null> {
    return this.em.findOne(Account, { email: email.toLowerCase() });
  }

  add(account: Account): void {
    this.em.persist(account);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}

@Injectable()
export class MikroOrmChallengeRepository extends ChallengeRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  findRegistration(id: string, options?: FindOptions): Promise<Registration | null> {
    return isUuid(id) ? this.em.findOne(Registration, { id }, lock(options)) : Promise.resolve(null);
  }

  findLoginChallenge(id: string, options?: FindOptions): Promise<LoginChallenge | null> {
    return isUuid(id) ? this.em.findOne(LoginChallenge, { id }, lock(options)) : Promise.resolve(null);
  }

  findPasswordReset(id: string, options?: FindOptions): Promise<PasswordReset | null> {
    return isUuid(id) ? this.em.findOne(PasswordReset, { id }, lock(options)) : Promise.resolve(null);
  }

  countResetEmailsSince(accountId: string, since: Date): Promise<number> {
    return this.em.count(PasswordReset, { accountId, createdAt: { $gte: since }, codeHash: { $ne: null } });
  }

  add(challenge: Registration | LoginChallenge | PasswordReset): void {
    this.em.persist(challenge);
  }
}

@Injectable()
export class MikroOrmSessionRepository extends SessionRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionWithAccount | null> {
    const session = await this.em.findOne(Session, { tokenHash });
    if (!session) return null;
    const account = await this.em.findOne(Account, { id: session.accountId });
    return account ? { session, account } : null;
  }

  add(session: Session): void {
    this.em.persist(session);
  }

  async recordActivity(sessionId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id: sessionId, lastSeenAt: { $lt: at } }, { lastSeenAt: at });
  }

  async end(sessionId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id: sessionId, endedAt: null }, { endedAt: at });
  }

  async endAllForAccount(accountId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { accountId, endedAt: null }, { endedAt: at });
  }
}
