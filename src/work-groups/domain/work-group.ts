import { isSingleLineText, SINGLE_LINE_MESSAGE } from '../../shared/text/single-line';
import { InvalidWorkGroupError } from './work-group-errors';

export interface WorkGroupDetails {
  name: string;
  organisation: string;
  notificationEmail: string | null;
}

const KEY = /^[a-z0-9][a-z0-9-]{1,63}$/;
// No spaces, and no control, invisible or bidi-override characters (\p{C}): an address must read as it is.
const EMAIL = /^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u;

/** A team in an organisation (a trust's safeguarding team, a school's SEN team) that forms can be sent to. */
export class WorkGroup {
  id!: string;
  key!: string;
  name!: string;
  organisation!: string;
  notificationEmail: string | null = null;
  createdAt!: Date;
  updatedAt!: Date;
  version = 1;

  static create(id: string, key: string, details: WorkGroupDetails, now: Date): WorkGroup {
    const g = new WorkGroup();
    g.id = id;
    g.key = checkKey(key);
    g.apply(details);
    g.createdAt = now;
    g.updatedAt = now;
    return g;
  }

  update(details: Partial<WorkGroupDetails>, now: Date): void {
    this.apply({
      name: details.name ?? this.name,
      organisation: details.organisation ?? this.organisation,
      notificationEmail: details.notificationEmail === undefined ? this.notificationEmail : details.notificationEmail,
    });
    this.updatedAt = now;
    this.version += 1;
  }

  private apply(details: WorkGroupDetails): void {
    const errors: { path: string; message: string }[] = [];
    const name = details.name.trim();
    const organisation = details.organisation.trim();
    if (!name || name.length > 200) errors.push({ path: 'name', message: 'Enter a name of 200 characters or fewer' });
    else if (!isSingleLineText(name)) errors.push({ path: 'name', message: `The name ${SINGLE_LINE_MESSAGE}` });
    if (!organisation || organisation.length > 200) {
      errors.push({ path: 'organisation', message: 'Enter an organisation of 200 characters or fewer' });
    } else if (!isSingleLineText(organisation)) {
      errors.push({ path: 'organisation', message: `The organisation ${SINGLE_LINE_MESSAGE}` });
    }
    const email = details.notificationEmail?.trim().toLowerCase() || null;
    if (email && (email.length > 254 || !EMAIL.test(email))) {
      errors.push({ path: 'notificationEmail', message: 'Enter an email address in the correct format, like team@example.org' });
    }
    if (errors.length) throw new InvalidWorkGroupError(errors);
    this.name = name;
    this.organisation = organisation;
    this.notificationEmail = email;
  }
}

function checkKey(key: string): string {
  const k = key.trim();
  if (!KEY.test(k)) {
    throw new InvalidWorkGroupError([
      { path: 'key', message: 'Use 2 to 64 lower-case letters, digits and hyphens, starting with a letter or digit' },
    ]);
  }
  return k;
}

export function normaliseMemberEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new InvalidWorkGroupError([{ path: 'email', message: 'Enter an email address in the correct format, like name@example.org' }]);
  }
  return email;
}
