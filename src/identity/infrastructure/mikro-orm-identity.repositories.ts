import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import { Account, ACCOUNT_IDENTITY, ACCOUNT_PROFILE, AccountIdentity, AccountProfile } from '../domain/account';
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
  private profileSelect?: string;

  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  findById(id: string, options?: FindOptions): Promise<Account | null> {
    return isUuid(id) ? this.em.findOne(Account, { id }, lock(options)) : Promise.resolve(null);
  }

  /**
   * Every open tab asks for this once a minute (`/auth/session`): one prepared statement of the
   * profile's columns, no entity manager (~1 ms of CPU less per call than `em.findOne`).
   */
  async findProfile(id: string): Promise<AccountProfile | null> {
    if (!isUuid(id)) return null;
    this.profileSelect ??= `SELECT ${columnsOf(this.em, Account, 'a', { only: ACCOUNT_PROFILE })} FROM accounts a WHERE a.id = ?`;
    const [row] = await this.sql.query<Record<string, unknown>>(this.profileSelect, [id]);
    return row ? fromRow(this.em, Account, row, '', ACCOUNT_PROFILE) : null;
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
  private sessionWithAccount?: string;

  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  /**
   * Runs on every authenticated request, so it is one statement (the session joined to its account's
   * identity columns only) and returns plain domain objects, not managed entities: nothing to
   * hydrate into the identity map, nothing to compare at flush, and no request context needed.
   */
  async findByTokenHash(tokenHash: string): Promise<SessionWithAccount | null> {
    this.sessionWithAccount ??= sessionWithAccount(columnsOf(this.em, Account, 'a', { only: ACCOUNT_IDENTITY }));
    const [row] = await this.sql.query<Record<string, unknown>>(this.sessionWithAccount, [tokenHash]);
    if (!row) return null;
    const account: AccountIdentity = fromRow(this.em, Account, row, '', ACCOUNT_IDENTITY);
    return { session: fromRow(this.em, Session, row, 's_'), account };
  }

  add(session: Session): void {
    this.em.persist(session);
  }

  /** Also once a minute per active session: one prepared statement, no query builder. */
  async recordActivity(sessionId: string, at: Date): Promise<void> {
    await this.sql.query('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?', [at, sessionId, at]);
  }

  async end(sessionId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id: sessionId, endedAt: null }, { endedAt: at });
  }

  async endAllForAccount(accountId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { accountId, endedAt: null }, { endedAt: at });
  }
}

// Session columns are prefixed so they cannot collide with the account's (id, created_at).
const sessionWithAccount = (accountColumns: string) => `
  SELECT s.id AS s_id, s.token_hash AS s_token_hash, s.account_id AS s_account_id, s.created_at AS s_created_at,
         s.last_seen_at AS s_last_seen_at, s.absolute_expires_at AS s_absolute_expires_at, s.ended_at AS s_ended_at,
         ${accountColumns}
    FROM sessions s JOIN accounts a ON a.id = s.account_id
   WHERE s.token_hash = ?`;
