import { isSingleLineText, SINGLE_LINE_MESSAGE } from '../../shared/text/single-line';
import { InvalidProfileError } from './identity-errors';
import { Address, ProfileDetails } from './registration';

type ProfileInput = Partial<{
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  organisation: string;
  phone: string | null;
  address: Partial<Address>;
}>;

const LIMITS = { name: 100, organisation: 200, jobTitle: 100, phone: 30, line: 200, postcode: 10 };

/**
 * Every text field is one line: line breaks, control and invisible characters are refused (422
 * `invalid_profile`), because names and organisations reach other people's emails and screens.
 * Checks and tidies a professional's details (trimmed, empty optional fields become null).
 * `complete` demands every mandatory field, as at registration; otherwise only given ones are checked.
 */
export function cleanProfile(input: ProfileInput, complete: boolean): Partial<ProfileDetails> {
  const errors: { path: string; message: string }[] = [];
  const out: Partial<ProfileDetails> = {};

  const required = (path: string, value: string | undefined, max: number, label: string): string | undefined => {
    if (value === undefined) {
      if (complete) errors.push({ path, message: `Enter your ${label}` });
      return undefined;
    }
    const v = (value ?? '').trim();
    if (!v) errors.push({ path, message: `Enter your ${label}` });
    else if (!isSingleLineText(v)) errors.push({ path, message: `Your ${label} ${SINGLE_LINE_MESSAGE}` });
    else if (v.length > max) errors.push({ path, message: `Your ${label} must be ${max} characters or fewer` });
    return v;
  };
  const optional = (path: string, value: string | null | undefined, max: number, label: string): string | null | undefined => {
    if (value === undefined) return complete ? null : undefined;
    const v = (value ?? '').trim();
    if (!isSingleLineText(v)) errors.push({ path, message: `Your ${label} ${SINGLE_LINE_MESSAGE}` });
    else if (v.length > max) errors.push({ path, message: `Your ${label} must be ${max} characters or fewer` });
    return v || null;
  };

  const firstName = required('firstName', input.firstName, LIMITS.name, 'first name');
  const lastName = required('lastName', input.lastName, LIMITS.name, 'last name');
  const organisation = required('organisation', input.organisation, LIMITS.organisation, 'organisation');
  const jobTitle = optional('jobTitle', input.jobTitle, LIMITS.jobTitle, 'job title');
  const phone = optional('phone', input.phone, LIMITS.phone, 'phone number');
  if (phone && !/^[+\d][\d\s()-]{5,}$/.test(phone)) {
    errors.push({ path: 'phone', message: 'Enter a phone number, like 01632 960 001 or +44 7700 900 982' });
  }
  if (firstName !== undefined) out.firstName = firstName;
  if (lastName !== undefined) out.lastName = lastName;
  if (organisation !== undefined) out.organisation = organisation;
  if (jobTitle !== undefined) out.jobTitle = jobTitle;
  if (phone !== undefined) out.phone = phone;

  if (input.address !== undefined || complete) {
    const a = input.address ?? {};
    const line1 = required('address.line1', a.line1 ?? '', LIMITS.line, 'address');
    const line2 = optional('address.line2', a.line2, LIMITS.line, 'address line 2');
    const town = required('address.town', a.town ?? '', LIMITS.line, 'town or city');
    const postcode = required('address.postcode', a.postcode ?? '', LIMITS.postcode, 'postcode');
    if (postcode && !/^[A-Za-z0-9][A-Za-z0-9 ]{1,9}$/.test(postcode)) {
      errors.push({ path: 'address.postcode', message: 'Enter a real postcode' });
    }
    out.address = { line1: line1 ?? '', line2: line2 ?? null, town: town ?? '', postcode: (postcode ?? '').toUpperCase() };
  }

  if (errors.length) throw new InvalidProfileError(errors);
  return out;
}
