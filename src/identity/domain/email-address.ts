import { InvalidEmailError } from './identity-errors';

/** Emails are compared case-insensitively and stored lower-cased. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  // Deliberately plain: one @, something either side, a dot in the domain, no spaces, sane length.
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InvalidEmailError();
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
