import { EmailKind } from './emails';

export interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
  /** The HTML alternative of `text`. */
  html: string | null;
  kind: EmailKind;
}

/**
 * Emails are queued in the caller's transaction (an outbox) and sent after commit by a worker,
 * so a rolled-back use case sends nothing and a mail server outage loses nothing.
 */
export abstract class MailQueue {
  abstract enqueue(email: QueuedEmail): Promise<void>;
}

/** The outbound side: SMTP in production, `.eml` files in development. */
export abstract class MailTransport {
  abstract send(from: string, email: QueuedEmail): Promise<void>;
  abstract describe(): string;
}
