import { CodeChallenge } from './code-challenge';

/** The second step of a login: the password was right, now the emailed code. */
export class LoginChallenge extends CodeChallenge {
  accountId!: string;

  /** `sendCode` false when the account may not receive codes today: the answer looks the same. */
  static start(id: string, accountId: string, now: Date, sendCode: boolean): { challenge: LoginChallenge; code: string | null } {
    const c = new LoginChallenge();
    c.id = id;
    c.accountId = accountId;
    c.createdAt = now;
    const code = c.issueCode(now, !sendCode);
    return { challenge: c, code };
  }

  resend(now: Date, sendCode: boolean): string | null {
    this.assertCanResend(now);
    this.markResent();
    return this.issueCode(now, !sendCode);
  }
}
