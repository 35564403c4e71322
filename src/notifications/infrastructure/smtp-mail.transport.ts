import { createTransport, Transporter } from 'nodemailer';
import { MailTransport, QueuedEmail } from '../application/mail-queue';

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly smtpUrl: string) {
    super();
    // Loopback SMTP in development and tests speaks no TLS; production URLs may use smtps://.
    this.transporter = createTransport(smtpUrl, {
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15000,
      ignoreTLS: smtpUrl.startsWith('smtp://'),
    } as never);
  }

  async send(from: string, email: QueuedEmail): Promise<void> {
    await this.transporter.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
  }

  describe(): string {
    const u = new URL(this.smtpUrl);
    return `SMTP ${u.hostname}:${u.port || 25}`;
  }
}
