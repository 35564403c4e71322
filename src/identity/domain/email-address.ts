import { InvalidEmailError } from './identity-errors';

/** Emails are compared case-insensitively and stored lower-cased. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  // Deliberately plain: one @, something either side, a dot in the domain, no spaces, no control,
  // invisible or bidi-override characters (\p{C}: an address must read as it is), sane length.
  if (email.length > 254 || !/^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u.test(email)) throw new InvalidEmailError();
  return email;
}

export function looksLikeEmail(raw: string): boolean {
  try {
    normaliseEmail(raw);
    return true;
  } catch {
    return false;
  }
}
