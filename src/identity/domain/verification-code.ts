import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 8 random digits from a CSPRNG; only a hash is stored. */
export function newVerificationCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

/** Salted with the challenge id so equal codes on two challenges hash differently. */
export function hashCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}

export function codeMatches(challengeId: string, code: string, storedHash: string | null): boolean {
  // A decoy challenge (unknown email) has no hash: compare against a random one so timing matches.
  const expected = Buffer.from(storedHash ?? randomBytes(32).toString('hex'), 'hex');
  const actual = Buffer.from(hashCode(challengeId, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
