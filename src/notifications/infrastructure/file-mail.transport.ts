import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { newId } from '../../shared/ids';
import { MailTransport, QueuedEmail } from '../application/mail-queue';

/** Development default: each email becomes an `.eml` file under `var/mail/` (open it in any mail client). */
export class FileMailTransport extends MailTransport {
  private readonly transporter: Transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string) {
    super();
  }

  async send(from: string, email: QueuedEmail): Promise<void> {
    const info = await this.transporter.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(-12)}.eml`;
    await writeFile(join(this.dir, name), info.message as Buffer, { mode: 0o600 });
  }

  describe(): string {
    return `files in ${this.dir}`;
  }
}
