import { Injectable } from '@nestjs/common';
import { PortalConfig } from '../../config/config-slices';
import { EMAILS, EmailLanguage, EmailName, EmailRenderer, EmailValues } from './emails';
import { MailQueue } from './mail-queue';
import { RecipientLanguages } from './recipient-language';

/**
 * What other contexts call to email someone: renders the email's templates with its values and
 * queues it in the current transaction (sent after commit by the outbox worker).
 */
@Injectable()
export class Notifier {
  private readonly portal: Record<string, string>;

  constructor(
    private readonly queue: MailQueue,
    private readonly renderer: EmailRenderer,
    private readonly languages: RecipientLanguages,
    config: PortalConfig,
  ) {
    this.portal = {
      publicUrl: config.publicUrl,
      councilName: config.councilName,
      supportEmail: config.supportEmail,
      timeZone: config.portalTimezone,
    };
  }

  /** In the language the recipient's account chose (English for an address without an account). */
  async send<K extends EmailName>(to: string, name: K, ...values: EmailValues<K>): Promise<void> {
    await this.sendIn(await this.languages.of(to), to, name, ...values);
  }

  /** The same, in the person's language (their account's preferredLanguage) where the email has it. */
  async sendIn<K extends EmailName>(language: EmailLanguage, to: string, name: K, ...values: EmailValues<K>): Promise<void> {
    const email: { subject: string; subjectCy?: string; kind: 'code' | 'notice'; values: readonly string[] } = EMAILS[name];
    const welsh = language === 'cy' && email.subjectCy !== undefined;
    const context: Record<string, string> = { ...this.portal, language: welsh ? 'cy' : 'en' };
    email.values.forEach((key, i) => (context[key] = (values as readonly string[])[i]));
    const { text, html } = this.renderer.render(name, context, welsh ? 'cy' : 'en');
    await this.queue.enqueue({ to, subject: welsh ? email.subjectCy! : email.subject, text, html, kind: email.kind });
  }
}
