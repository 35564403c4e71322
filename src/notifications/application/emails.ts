/**
 * Every email the portal sends: its subject, its kind, and the values its templates take, in the
 * order `Notifier.send` is given them. The wording lives in template files, one pair per email
 * (src/notifications/templates/<name>.text.hbs and <name>.html.hbs). Adding an email is adding that
 * pair and an entry here. Emails carry no information about the child, no answers and no ids; their
 * only links are PUBLIC_URL/login and PUBLIC_URL/register. Every template also gets `publicUrl`,
 * `councilName` and `supportEmail`; `dueDate` values are `YYYY-MM-DD`, shown with `{{emailDate …}}`.
 *
 * Welsh (issue 23): an email with `subjectCy` has Welsh templates beside the English ones
 * (<name>.cy.text.hbs and <name>.cy.html.hbs), used for a person whose account chose Welsh
 * (`Notifier.sendIn`). Instants are ISO strings shown with `{{dateTime …}}` in the email's language
 * and PORTAL_TIMEZONE; `{{#each (lines files)}}` walks a value of one item per line.
 */
export const EMAILS = {
  verificationCode: {
    subject: 'Your Professional Portal verification code',
    subjectCy: 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol',
    kind: 'code',
    values: ['code'],
  },
  alreadyRegistered: {
    subject: 'You already have a Professional Portal account',
    subjectCy: 'Mae gennych gyfrif ar y Porth Gweithwyr Proffesiynol yn barod',
    kind: 'notice',
    values: [],
  },
  accountLocked: {
    subject: 'Your Professional Portal account has been locked',
    subjectCy: 'Mae eich cyfrif ar y Porth Gweithwyr Proffesiynol wedi’i gloi',
    kind: 'notice',
    values: ['unlocksAt'],
  },
  taskDelegatedToPerson: {
    subject: 'A new form has been delegated to you',
    subjectCy: 'Mae ffurflen newydd wedi’i dirprwyo i chi',
    kind: 'notice',
    values: ['dueDate'],
  },
  taskDelegatedToGroup: {
    subject: 'A new form has been delegated to your work group',
    subjectCy: 'Mae ffurflen newydd wedi’i dirprwyo i’ch grŵp gwaith',
    kind: 'notice',
    values: ['groupName', 'dueDate'],
  },
  reassignedToPerson: {
    subject: 'A form has been re-assigned to you',
    subjectCy: 'Mae ffurflen wedi’i hailbennu i chi',
    kind: 'notice',
    values: ['byName', 'dueDate'],
  },
  reassignedToGroup: {
    subject: 'A form has been re-assigned to your work group',
    subjectCy: 'Mae ffurflen wedi’i hailbennu i’ch grŵp gwaith',
    kind: 'notice',
    values: ['byName', 'groupName', 'dueDate'],
  },
  reassignedFromYou: {
    subject: 'A form has been re-assigned from you',
    subjectCy: 'Mae ffurflen wedi’i hailbennu oddi wrthych',
    kind: 'notice',
    values: ['byName'],
  },
  dueSoon: {
    subject: 'A form is due soon',
    subjectCy: 'Mae ffurflen i’w chyflwyno cyn bo hir',
    kind: 'notice',
    values: ['dueDate'],
  },
  overdue: { subject: 'A form is overdue', subjectCy: 'Mae ffurflen yn hwyr', kind: 'notice', values: ['dueDate'] },
  replyReceived: {
    subject: 'You have a reply about a form',
    subjectCy: 'Mae gennych ateb am ffurflen',
    kind: 'notice',
    values: [],
  },
  taskChanged: {
    subject: 'A form has been changed',
    subjectCy: 'Mae ffurflen wedi’i newid',
    kind: 'notice',
    values: ['dueDate', 'change'],
  },
  reviewRequested: {
    subject: 'A form has been sent to you for review',
    subjectCy: 'Mae ffurflen wedi’i hanfon atoch i’w hadolygu',
    kind: 'notice',
    values: ['byName', 'dueDate'],
  },
  reviewReturned: {
    subject: 'A form has been returned to you after review',
    subjectCy: 'Mae ffurflen wedi’i dychwelyd atoch ar ôl ei hadolygu',
    kind: 'notice',
    values: ['byName', 'dueDate'],
  },
  emailChanged: {
    subject: 'Your Professional Portal email address has changed',
    subjectCy: 'Mae cyfeiriad e-bost eich cyfrif ar y Porth Gweithwyr Proffesiynol wedi newid',
    kind: 'notice',
    values: [],
  },
  /**
   * The receipt after a submission (issue 23): the form's name, the submission's reference, when,
   * the files (one per line) and until when the PDF can be downloaded. Nothing about the child.
   */
  contributionSubmitted: {
    subject: 'Your contribution has been submitted',
    subjectCy: 'Mae eich cyfraniad wedi’i gyflwyno',
    kind: 'notice',
    values: ['formTitle', 'reference', 'submittedAt', 'files', 'availableUntil'],
  },
} as const satisfies Record<string, { subject: string; subjectCy: string; kind: EmailKind; values: readonly string[] }>;

/** The languages an email can be written in; English always, Welsh where the email has templates for it. */
export type EmailLanguage = 'en' | 'cy';

/** A code is useless once expired: the outbox drops a code it could not send within 10 minutes. */
export type EmailKind = 'code' | 'notice';

export type EmailName = keyof typeof EMAILS;

/** The values `Notifier.send` takes for an email, in order (all text). */
type AsStrings<T extends readonly string[]> = { -readonly [I in keyof T]: string };
export type EmailValues<K extends EmailName> = AsStrings<(typeof EMAILS)[K]['values']>;

export interface RenderedEmail {
  text: string;
  html: string;
}

/** Turns an email's template pair and its values into the plain text and its HTML alternative. */
export abstract class EmailRenderer {
  /** In `language` when the email has templates in it, else in English. */
  abstract render(name: EmailName, context: Record<string, string>, language?: EmailLanguage): RenderedEmail;
}
