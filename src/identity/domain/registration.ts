import type { Language } from '../../shared/i18n/language';
import { CodeChallenge } from './code-challenge';

export interface Address {
  line1: string;
  line2?: string | null;
  town: string;
  postcode: string;
}

export interface ProfileDetails {
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  organisation: string;
  phone: string | null;
  address: Address;
  /** Set on a registration's details only (see Registration.start). */
  language?: Language;
}

/**
 * A registration waiting for its emailed code. When the email already has an account the
 * registration is a decoy: it answers exactly like a real one but no code can ever match it.
 */
export class Registration extends CodeChallenge {
  email!: string;
  details!: ProfileDetails | null;
  passwordHash!: string | null;

  /**
   * `language`: the one the person registered in (issue 23), kept with the details: the code emails
   * are written in it and the account starts with it as its preferredLanguage.
   */
  static start(
    id: string,
    email: string,
    details: ProfileDetails,
    passwordHash: string,
    now: Date,
    language: Language = 'en',
  ): { registration: Registration; code: string } {
    const r = Registration.blank(id, email, now);
    r.details = { ...details, language };
    r.passwordHash = passwordHash;
    const code = r.issueCode(now, false)!;
    return { registration: r, code };
  }

  static decoy(id: string, email: string, now: Date): Registration {
    const r = Registration.blank(id, email, now);
    r.details = null;
    r.passwordHash = null;
    r.issueCode(now, true);
    return r;
  }

  private static blank(id: string, email: string, now: Date): Registration {
    const r = new Registration();
    r.id = id;
    r.email = email;
    r.createdAt = now;
    return r;
  }

  /** The language the person registered in (English for registrations made before there was a choice). */
  language(): Language {
    return this.details?.language === 'cy' ? 'cy' : 'en';
  }

  isDecoy(): boolean {
    return this.details === null;
  }

  resend(now: Date): string | null {
    this.assertCanResend(now);
    this.markResent();
    return this.issueCode(now, this.isDecoy());
  }
}
