import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { WeakPasswordError } from './identity-errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The commonest passwords, from zxcvbn-ts's maintained list (tens of thousands of entries). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
);

/** zxcvbn's score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_STRENGTH_SCORE = 3;

/** Words a guesser would try first for this site: its own name and the person's address. */
const SITE_WORDS = ['portal', 'professional', 'council', 'children', 'families', 'password'];

let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/** Throws `weak_password` with a reason a person understands. */
export function assertAcceptablePassword(password: string, email: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new WeakPasswordError(`Your password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new WeakPasswordError(`Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer.`);
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(lowered.replace(/[\d!?.]+$/, ''))) {
    throw new WeakPasswordError('This password is too common. Choose one that would be hard to guess.');
  }
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && lowered.includes(localPart)) {
    throw new WeakPasswordError('Your password must not contain your email address.');
  }
  if (new Set(password).size < 4) {
    throw new WeakPasswordError('Your password repeats too few different characters. Choose one that would be hard to guess.');
  }
  // Keyboard runs, repeats, dates and dictionary words in disguise ("qwertyuiopas", "portalportal")
  // pass the checks above; an estimate of the guesses needed catches them.
  const userInputs = [...SITE_WORDS, ...email.toLowerCase().split(/[@.+_-]/).filter((w) => w.length >= 3)];
  if (strength().check(password, userInputs).score < MIN_STRENGTH_SCORE) {
    throw new WeakPasswordError(
      'This password would be easy to guess: avoid keyboard patterns, repeated words and names. A few unrelated words together make a strong password.',
    );
  }
}
