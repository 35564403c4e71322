import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token is an HMAC keyed by the session token itself: bound to that session, derivable
 * only by someone holding the (HttpOnly) session cookie, and needing no server-side secret.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('portal-csrf-v1').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
