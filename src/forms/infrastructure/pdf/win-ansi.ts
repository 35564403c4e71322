/**
 * The PDF uses the standard (non-embedded) Helvetica fonts, which can only show the WinAnsi
 * (Windows-1252) character set. pdfkit does not refuse other characters: it writes a broken code
 * into the content stream, so the page shows garbage and text extraction yields nonsense. Every
 * string that reaches the page therefore goes through `toWinAnsi` first: characters that WinAnsi
 * lacks are approximated where a close equivalent exists (ł → l, ą → a, ‐ → -, ﬁ → fi) and otherwise
 * replaced by `?`, one `?` per user-perceived character (an emoji with modifiers is one `?`).
 */

/** The characters of Windows-1252 in 0x80..0x9F, by Unicode code point. */
const WIN_ANSI_HIGH = new Set<number>([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

export const REPLACEMENT = '?';

/** Close equivalents for common characters that WinAnsi lacks and that Unicode does not decompose. */
const SUBSTITUTES: Record<number, string> = {
  0x0009: ' ', // tab
  0x0131: 'i', // dotless i
  0x0138: 'k', // kra
  0x0110: 'D',
  0x0111: 'd',
  0x0126: 'H',
  0x0127: 'h',
  0x013f: 'L',
  0x0140: 'l',
  0x0141: 'L',
  0x0142: 'l',
  0x0166: 'T',
  0x0167: 't',
  0x2010: '-',
  0x2011: '-',
  0x2012: '-',
  0x2015: '\u2014',
  0x2212: '-',
  0x201b: '\u2018',
  0x201f: '\u201c',
  0x2032: "'",
  0x2033: '"',
  0x2028: '\n',
  0x2029: '\n',
  0x2043: '-',
  0x2219: '\u2022',
  0x25cf: '\u2022',
  0x2713: 'v',
  0x2714: 'v',
};

function isWinAnsi(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff && codePoint !== 0xad) ||
    WIN_ANSI_HIGH.has(codePoint)
  );
}

/** Invisible characters that are safe to drop: controls, soft hyphen, zero-width marks, variation selectors. */
function isIgnorable(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

const UNUSUAL_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const COMBINING_MARKS = /\p{M}/gu;
/** Anything besides newline, printable ASCII and Latin-1: the only text that needs the slow path. */
const NEEDS_CARE = /[^\n\x20-\x7e\xa0-\xac\xae-\xff]/;

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const segments = segmenter.segment(text);
  return {
    *[Symbol.iterator]() {
      for (const { segment } of segments) yield segment;
    },
  };
}

/** One user-perceived character → WinAnsi text ('' when it is invisible, `?` when it cannot be shown). */
function convertCluster(cluster: string): string {
  let out = '';
  for (const char of cluster) {
    const codePoint = char.codePointAt(0) as number;
    if (isWinAnsi(codePoint)) {
      out += char;
      continue;
    }
    const substitute = SUBSTITUTES[codePoint];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    if (isIgnorable(codePoint)) continue;
    // Compatibility decomposition without accents: ą → a, ﬁ → fi, Ａ → A, ² stays ².
    const decomposed = char.normalize('NFKD').replace(COMBINING_MARKS, '');
    if ([...decomposed].every((part) => isWinAnsi(part.codePointAt(0) as number))) {
      out += decomposed;
      continue;
    }
    return REPLACEMENT;
  }
  return out;
}

/**
 * Text that Helvetica (WinAnsi) can show: line breaks normalised to `\n`, tabs and odd spaces to
 * spaces, invisible characters dropped, everything else outside WinAnsi approximated or `?`.
 * Never throws, whatever the input (lone surrogates included).
 */
export function toWinAnsi(input: string): string {
  let text = input.replace(/\r\n?/g, '\n').replace(UNUSUAL_SPACE, (space) => (space === '\u00a0' ? space : ' '));
  if (!NEEDS_CARE.test(text)) return text;
  text = text.normalize('NFC');
  let out = '';
  for (const cluster of graphemes(text)) {
    out += cluster.length === 1 && isWinAnsi(cluster.charCodeAt(0)) ? cluster : convertCluster(cluster);
  }
  return out;
}
