/**
 * Control characters (line breaks and tabs included), invisible format characters (zero-width,
 * bidi overrides) and the Unicode line/paragraph separators. A value that a person types on one line
 * (a name, an organisation, a job title, an address line, a group's name) never needs them, and with
 * them it can start a new line or a forged paragraph wherever it is shown: an email, a PDF, a log
 * line, another person's screen.
 */
const NOT_SINGLE_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export function isSingleLineText(value: string): boolean {
  return !NOT_SINGLE_LINE.test(value);
}

/** The message a person sees when a field holds one of them. */
export const SINGLE_LINE_MESSAGE = 'must be on one line, without line breaks, tabs or invisible characters';
