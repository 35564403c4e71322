import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import type { Language } from '../../shared/i18n/language';
import { Account, ACCOUNT_IDENTITY, ACCOUNT_PROFILE, AccountIdentity, AccountProfile } from '../domain/account';
import { LoginChallenge } from '../domain/login-challenge';
import { PasswordReset } from '../domain/password-reset';
import { Registration } from '../domain/registration';
import { RESEND_INTERVAL_MS } from '../domain/code-challenge';
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

/**
 * Accounts in PostgreSQL: the ORM for the aggregate; the profile read (`/auth/session`, `/me`, polled
 * once a minute by every open tab) as one prepared statement through `Sql` (BENCHMARKS.md, seventh round).
 */
@Injectable()
export class PostgresAccountRepository extends AccountRepository {
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

  findByIds(ids: string[]): Promise<Account[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.em.find(Account, { id: { $in: valid } }) : Promise.resolve([]);
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

  async languageOf(email: string): Promise<Language | null> {
    const [row] = await this.em
      .createQueryBuilder(Account)
      .select('preferredLanguage')
      .where({ email })
      .limit(1)
      .execute<{ preferredLanguage: Language }[]>('all');
    return row?.preferredLanguage ?? null;
  }

  async lockEmail(email: string): Promise<void> {
    await this.em.execute("SELECT pg_advisory_xact_lock(hashtextextended('portal-email:' || ?, 0))", [email]);
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

  countRegistrationEmailsSince(email: string, since: Date): Promise<number> {
    return this.em.count(Registration, { email, createdAt: { $gte: since }, codeHash: { $ne: null } });
  }

  async findRegistrationOrDecoy(id: string, now: Date): Promise<Registration | null> {
    if (!isUuid(id)) return null;
    // ON CONFLICT: two requests for the same made-up id at once make one decoy, not a 500.
    await this.em
      .createQueryBuilder(Registration)
      .insert({
        id,
        email: '',
        details: null,
        passwordHash: null,
        codeHash: null,
        codeSentAt: new Date(now.getTime() - RESEND_INTERVAL_MS),
        attempts: 0,
        resendCount: 0,
        createdAt: now,
      })
      .onConflict('id')
      .ignore()
      .execute('run');
    return this.em.findOne(Registration, { id }, lock({ forUpdate: true }));
  }

  findLoginChallenge(id: string, options?: FindOptions): Promise<LoginChallenge | null> {
    return isUuid(id) ? this.em.findOne(LoginChallenge, { id }, lock(options)) : Promise.resolve(null);
  }

  findPasswordReset(id: string, options?: FindOptions): Promise<PasswordReset | null> {
    return isUuid(id) ? this.em.findOne(PasswordReset, { id }, lock(options)) : Promise.resolve(null);
  }

  countResetEmailsSince(accountId: string, since: Date, requestedFromHash?: string): Promise<number> {
    return this.em.count(PasswordReset, {
      accountId,
      createdAt: { $gte: since },
      codeHash: { $ne: null },
      ...(requestedFromHash === undefined ? {} : { requestedFromHash }),
    });
  }

  add(challenge: Registration | LoginChallenge | PasswordReset): void {
    this.em.persist(challenge);
  }
}

/**
 * Sessions in PostgreSQL: the session check and its once-a-minute activity write are prepared
 * statements through `Sql` (every authenticated request; BENCHMARKS.md); the rest through the ORM.
 */
@Injectable()
export class PostgresSessionRepository extends SessionRepository {
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
