/**
 * A person's value (a name, a work group's name) made safe to print inside an email's text: it
 * cannot start a new line or paragraph, and a mail client cannot turn it into a link. The council's
 * emails link only to PUBLIC_URL (API.md "Emails"); a name such as "Smith\n\nUrgent: sign in at
 * https://evil.example" must arrive as inert words on the same line.
 *
 * Pure and dependency-free so that both the plain-text templates and template-engine helpers (e.g. a
 * Handlebars `{{safe name}}`) can call it.
 *
 * - every control, format, line or paragraph separator character (and any run of whitespace)
 *   becomes one space;
 * - a dot between two letters or digits becomes a one-dot leader (U+2024), which looks like a dot
 *   but is not a domain separator, so "evil.example" and "www.evil.example" are not linked;
 * - "://" loses its slashes to division slashes (U+2215), "@" becomes a small commercial at
 *   (U+FE6B), so neither a URL nor an email address is recognised;
 * - the result is cut to `maxLength` characters (with an ellipsis).
 */
export function safeText(value: string | null | undefined, maxLength = 120): string {
  if (value === null || value === undefined) return '';
  const flat = value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim()
    .replace(/:\/\//g, ':\u2215\u2215')
    .replace(/([\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, '$1\u2024')
    .replace(/@/g, '\uFE6B');
  const chars = [...flat];
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('').trimEnd()}…` : flat;
}
