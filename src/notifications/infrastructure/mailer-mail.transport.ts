import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { MailConfig } from '../../config/config-slices';
import { newId } from '../../shared/ids';
import { MailTransport, QueuedEmail } from '../application/mail-queue';

/**
 * @nestjs-modules/mailer's `MailerService` behind the outbox's transport port. With SMTP_URL it
 * sends over SMTP; without it (development) nodemailer's stream transport builds the message and it
 * becomes an `.eml` file under `var/mail/` (open it in any mail client). The transport itself is
 * configured in NotificationsModule (`mailerOptions`).
 */
@Injectable()
export class MailerMailTransport extends MailTransport {
  constructor(
    private readonly mailer: MailerService,
    private readonly config: MailConfig,
  ) {
    super();
  }

  async send(from: string, email: QueuedEmail): Promise<void> {
    // No `context`: the email was rendered when it was queued; the mailer must not interpolate it again.
    const info = (await this.mailer.sendMail({
      from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html === null ? {} : { html: email.html }),
    })) as { message?: Buffer };
    if (this.config.smtpUrl) return;
    await mkdir(this.config.mailDir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(-12)}.eml`;
    await writeFile(join(this.config.mailDir, name), info.message!, { mode: 0o600 });
  }

  describe(): string {
    if (!this.config.smtpUrl) return `files in ${this.config.mailDir}`;
    const u = new URL(this.config.smtpUrl);
    return `SMTP ${u.hostname}:${u.port || 25}`;
  }
}

/** The mailer's transport: SMTP from the URL, else nodemailer's stream transport (for `.eml` files). */
export function mailerOptions(config: MailConfig): { transport: unknown; defaults: { from: string } } {
  const transport = config.smtpUrl
    ? {
        url: config.smtpUrl,
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 15000,
        // Loopback SMTP in development and tests speaks no TLS; production URLs may use smtps://.
        ignoreTLS: config.smtpUrl.startsWith('smtp://'),
      }
    : { streamTransport: true, buffer: true, newline: 'unix' };
  return { transport, defaults: { from: config.mailFrom } };
}
