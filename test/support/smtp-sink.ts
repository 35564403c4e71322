import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML alternative ('' when the mail had none). */
  html: string;
  receivedAt: number;
}

/** A real SMTP server inside the test process: the portal sends to it over loopback. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // No reverse DNS of 127.0.0.1 before each greeting (up to 1.5 s a mail on a slow resolver).
      disableReverseLookup: true,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              receivedAt: Date.now(),
            });
            this.waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits for the next mail matching the predicate that arrived after `since` (index). */
  // Generous: a liveness wait, not a timing check (a loaded 2-core CI machine runs two suites at once;
  // one CI run's first code email of a suite took longer than 20 s, when a send that stalls is given
  // up by the mailer's own timeouts, 5 s to connect and greet, 15 s idle, and tried again).
  async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 60_000, since = 0): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(since).find(predicate);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No matching email within ${timeoutMs} ms (have: ${this.messages.map((m) => `${m.to}:${m.subject}`).join('; ')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next email to `address` with that subject, arriving after `since`. */
  waitForMail(address: string, subject: string, since = 0, timeoutMs?: number): Promise<ReceivedMail> {
    return this.waitFor((m) => m.to.includes(address.toLowerCase()) && m.subject === subject, timeoutMs, since);
  }

  /** Reads the 8-digit code out of the next code email to `address`. */
  async codeFor(address: string, since = 0): Promise<string> {
    // In the account's language: English, or Welsh for an account that chose it (issue 23).
    const subjects = ['Your Professional Portal verification code', 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol'];
    const mail = await this.waitFor((m) => m.to.includes(address.toLowerCase()) && subjects.includes(m.subject), undefined, since);
    const match = /\b(\d{8})\b/.exec(mail.text);
    if (!match) throw new Error(`No 8-digit code in: ${mail.text}`);
    return match[1];
  }

  mark(): number {
    return this.messages.length;
  }
}
