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
}

/**
 * A registration waiting for its emailed code. When the email already has an account the
 * registration is a decoy: it answers exactly like a real one but no code can ever match it.
 */
export class Registration extends CodeChallenge {
  email!: string;
  details!: ProfileDetails | null;
  passwordHash!: string | null;

  static start(id: string, email: string, details: ProfileDetails, passwordHash: string, now: Date): { registration: Registration; code: string } {
    const r = Registration.blank(id, email, now);
    r.details = details;
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

  isDecoy(): boolean {
    return this.details === null;
  }

  resend(now: Date): string | null {
    this.assertCanResend(now);
    this.markResent();
    return this.issueCode(now, this.isDecoy());
  }
}
