import { addMs, DAY_MS, MINUTE_MS } from '../../shared/clock/clock';
import type { Language } from '../../shared/i18n/language';
import { Address, ProfileDetails } from './registration';

export type Role = 'professional' | 'admin';

export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE_MS;
export const LOCKOUT_DURATION_MS = 15 * MINUTE_MS;
/** More wrong codes than this in one day and the account gets no codes until tomorrow. */
export const DAILY_CODE_FAILURE_LIMIT = 20;

/**
 * What every authenticated request needs of its account: who it is, what it may do, whether it is
 * disabled. The session check reads only these columns, never the password hash or the lockout
 * counters, and an `Account` with only these set is typed so nothing else can be read from it.
 */
export const ACCOUNT_IDENTITY = [
  'id',
  'email',
  'firstName',
  'lastName',
  'organisation',
  'roles',
  'disabled',
  // What the portal writes to this person in (emails and PDFs made during their requests).
  'preferredLanguage',
] as const;
export type AccountIdentity = Pick<Account, (typeof ACCOUNT_IDENTITY)[number] | 'fullName' | 'isAdmin'>;

/** What the account's owner is shown of it (`/me`, `/auth/session`): no secrets, no lockout counters. */
export const ACCOUNT_PROFILE = [
  'id',
  'email',
  'firstName',
  'lastName',
  'jobTitle',
  'organisation',
  'phone',
  'address',
  'roles',
  'preferredLanguage',
] as const;
export type AccountProfile = Pick<Account, (typeof ACCOUNT_PROFILE)[number]>;

export class Account {
  id!: string;
  email!: string;
  passwordHash!: string;
  firstName!: string;
  lastName!: string;
  jobTitle: string | null = null;
  organisation!: string;
  phone: string | null = null;
  address!: Address;
  roles: Role[] = ['professional'];
  disabled = false;
  /** English or Welsh (issue 23): pages, emails and PDFs for this person. */
  preferredLanguage: Language = 'en';
  failedLoginCount = 0;
  failedLoginWindowStartedAt: Date | null = null;
  lockedUntil: Date | null = null;
  lockNoticeSentAt: Date | null = null;
  codeFailuresDay: string | null = null;
  codeFailuresCount = 0;
  alreadyRegisteredNoticeAt: Date | null = null;
  createdAt!: Date;
  updatedAt!: Date;
  version = 1;

  static register(id: string, email: string, passwordHash: string, details: ProfileDetails, now: Date): Account {
    const a = new Account();
    a.id = id;
    a.email = email;
    a.passwordHash = passwordHash;
    a.applyProfile(details);
    if (details.language) a.preferredLanguage = details.language;
    a.createdAt = now;
    a.updatedAt = now;
    return a;
  }

  choosePreferredLanguage(language: Language): void {
    this.preferredLanguage = language;
  }

  fullName(): string {
    return `${this.firstName} ${this.lastName}`;
  }

  isAdmin(): boolean {
    return this.roles.includes('admin');
  }

  isLocked(now: Date): boolean {
    return this.lockedUntil !== null && now < this.lockedUntil;
  }

  /**
   * Counts a wrong password. Returns true when this failure locks the account (10 within
   * 15 minutes → locked for 15 minutes).
   */
  recordFailedLogin(now: Date): boolean {
    if (this.isLocked(now)) return false;
    const windowStart = this.failedLoginWindowStartedAt;
    if (!windowStart || now.getTime() - windowStart.getTime() > LOCKOUT_WINDOW_MS) {
      this.failedLoginWindowStartedAt = now;
      this.failedLoginCount = 0;
    }
    this.failedLoginCount += 1;
    if (this.failedLoginCount >= LOCKOUT_THRESHOLD) {
      this.lockedUntil = addMs(now, LOCKOUT_DURATION_MS);
      this.failedLoginCount = 0;
      this.failedLoginWindowStartedAt = null;
      return true;
    }
    return false;
  }

  /** The owner hears about a lockout at most once a day. */
  shouldSendLockNotice(now: Date): boolean {
    if (this.lockNoticeSentAt && now.getTime() - this.lockNoticeSentAt.getTime() < DAY_MS) return false;
    this.lockNoticeSentAt = now;
    return true;
  }

  recordSuccessfulPassword(): void {
    this.failedLoginCount = 0;
    this.failedLoginWindowStartedAt = null;
  }

  recordCodeFailure(today: string): void {
    if (this.codeFailuresDay !== today) {
      this.codeFailuresDay = today;
      this.codeFailuresCount = 0;
    }
    this.codeFailuresCount += 1;
  }

  /**
   * The helpdesk lifts a lockout and the day's wrong-code block, e.g. when a stranger spent the
   * owner's attempts. Returns whether anything was blocked.
   */
  clearSignInBlocks(now: Date, today: string): boolean {
    const blocked = this.isLocked(now) || this.codesBlocked(today) || this.failedLoginCount > 0 || this.codeFailuresCount > 0;
    this.lockedUntil = null;
    this.failedLoginCount = 0;
    this.failedLoginWindowStartedAt = null;
    this.codeFailuresDay = null;
    this.codeFailuresCount = 0;
    return blocked;
  }

  codesBlocked(today: string): boolean {
    return this.codeFailuresDay === today && this.codeFailuresCount > DAILY_CODE_FAILURE_LIMIT;
  }

  /** "Already registered" emails go out at most once an hour, so registering can't be used to spam. */
  shouldSendAlreadyRegisteredNotice(now: Date): boolean {
    if (this.alreadyRegisteredNoticeAt && now.getTime() - this.alreadyRegisteredNoticeAt.getTime() < 60 * MINUTE_MS) return false;
    this.alreadyRegisteredNoticeAt = now;
    return true;
  }

  changePassword(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.lockedUntil = null;
    this.failedLoginCount = 0;
    this.failedLoginWindowStartedAt = null;
    this.touch(now);
  }

  applyProfile(details: Partial<ProfileDetails>): void {
    if (details.firstName !== undefined) this.firstName = details.firstName;
    if (details.lastName !== undefined) this.lastName = details.lastName;
    if (details.jobTitle !== undefined) this.jobTitle = details.jobTitle;
    if (details.organisation !== undefined) this.organisation = details.organisation;
    if (details.phone !== undefined) this.phone = details.phone;
    if (details.address !== undefined) this.address = details.address;
  }

  touch(now: Date): void {
    this.updatedAt = now;
    this.version += 1;
  }
}
