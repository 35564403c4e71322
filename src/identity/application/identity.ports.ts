import type { Language } from '../../shared/i18n/language';
import { Account, AccountIdentity, AccountProfile } from '../domain/account';
import { LoginChallenge } from '../domain/login-challenge';
import { PasswordReset } from '../domain/password-reset';
import { Registration } from '../domain/registration';
import { Session } from '../domain/session';

/** Persistence seams of the identity context. Changes are saved when the unit of work commits. */
/** `forUpdate` locks the row until commit: counters (strikes, lockouts) must not lose increments. */
export interface FindOptions {
  forUpdate?: boolean;
}

export abstract class AccountRepository {
  abstract findById(id: string, options?: FindOptions): Promise<Account | null>;
  /** The account as its owner is shown it: a read of those columns only, nothing tracked for a change. */
  abstract findProfile(id: string): Promise<AccountProfile | null>;
  abstract findByEmail(email: string): Promise<Account | null>;
  /**
   * The language of the account with exactly this address, as stored (null: none has it): one
   * column read in the caller's transaction, nothing loaded into its unit of work.
   */
  abstract languageOf(email: string): Promise<Language | null>;
  /** The accounts among `ids` that exist (any order). */
  abstract findByIds(ids: string[]): Promise<Account[]>;
  /**
   * Holds a transaction-scoped lock named after the address: two registrations of one address
   * verified at once are settled one after the other (the second finds the account), never by a
   * unique-constraint error.
   */
  abstract lockEmail(email: string): Promise<void>;
  abstract add(account: Account): void;
  /** Makes pending changes visible to SQL issued in the same transaction. */
  abstract flush(): Promise<void>;
}

export abstract class ChallengeRepository {
  abstract findRegistration(id: string, options?: FindOptions): Promise<Registration | null>;
  /**
   * The registration with this id, locked; for a well-formed id that names none, a decoy made on the
   * spot (no email, no code, sent a minute ago), so made-up ids count resends and wrong codes exactly
   * like real ones. Null only for an id that is not a UUID.
   */
  abstract findRegistrationOrDecoy(id: string, now: Date): Promise<Registration | null>;
  abstract findLoginChallenge(id: string, options?: FindOptions): Promise<LoginChallenge | null>;
  abstract findPasswordReset(id: string, options?: FindOptions): Promise<PasswordReset | null>;
  abstract countResetEmailsSince(accountId: string, since: Date, requestedFromHash?: string): Promise<number>;
  /** Registrations of this address that were sent a code since `since` (decoys excluded). */
  abstract countRegistrationEmailsSince(email: string, since: Date): Promise<number>;
  abstract add(challenge: Registration | LoginChallenge | PasswordReset): void;
}

export interface SessionWithAccount {
  session: Session;
  account: AccountIdentity;
}

export abstract class SessionRepository {
  abstract findByTokenHash(tokenHash: string): Promise<SessionWithAccount | null>;
  abstract add(session: Session): void;
  /** A single conditional UPDATE, so concurrent requests do not fight over the row. */
  abstract recordActivity(sessionId: string, at: Date): Promise<void>;
  abstract end(sessionId: string, at: Date): Promise<void>;
  abstract endAllForAccount(accountId: string, at: Date): Promise<void>;
}

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** Costs the same as a real verification: an unknown email must not answer faster. */
  abstract burn(password: string): Promise<void>;
}

/** Which work groups an account belongs to (answered by the work-groups context). */
export abstract class AccountWorkGroups {
  abstract forAccount(accountId: string): Promise<{ id: string; key: string; name: string }[]>;
}
