import { Injectable } from '@nestjs/common';
import { EmailLanguage } from './emails';

/** Where a recipient's language comes from: the language of the account with that address, if any. */
export type RecipientLanguageSource = (email: string) => Promise<EmailLanguage | null>;

/**
 * The language a recipient reads their email in: their account's `preferredLanguage`, or English
 * when the address has no account (a registration in progress, a delegation to someone not yet
 * registered). Lets every email follow the person's choice without each sender looking it up.
 * Accounts are identity's: notifications sits below every context (they all send email) and cannot
 * ask identity itself, so identity gives its answer here when it starts (IdentityModule).
 */
@Injectable()
export class RecipientLanguages {
  private source?: RecipientLanguageSource;

  answerFrom(source: RecipientLanguageSource): void {
    this.source = source;
  }

  async of(email: string): Promise<EmailLanguage> {
    return (await this.source?.(email)) === 'cy' ? 'cy' : 'en';
  }
}
