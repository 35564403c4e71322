/**
 * One line of text as the runs that draw it, in visual (left-to-right) order: each run is drawn
 * with one font of the fallback chain (fonts.ts), and right-to-left text (Arabic, Hebrew) is
 * reordered by the Unicode Bidirectional Algorithm (bidi-js) so a line mixing scripts reads
 * correctly. Within a right-to-left run the text stays in logical order: fontkit shapes it (Arabic
 * joining forms, lam-alef) and lays its glyphs out right to left itself.
 */
import bidiFactory from 'bidi-js';
import { familyFor, loadFont } from './fonts';
import type { FontFamily } from './fonts';

export interface TextRun {
  text: string;
  family: FontFamily;
  /** Laid out as a whole by fontkit (right-to-left shaping); false for runs pdfkit may split at spaces. */
  rtl: boolean;
}

const bidi = bidiFactory();

/** Everything below Hebrew is drawn by DejaVu Sans and is left-to-right: no analysis needed. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const SIMPLE = /^[\u0000-\u058F]*$/u;
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const NEUTRAL = /^[\s\p{P}\p{S}\p{N}\p{M}\p{Cf}]$/u;

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const NEEDS_CLEANING = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]|\r/u;

/**
 * Text as it is put on the page: composed (NFC, so "e" + combining acute is one "é", as extractors
 * give it back), line breaks as "\n", a tab as a space, other control characters dropped, and a
 * lone surrogate (not a character at all) as U+FFFD. Nothing else is changed.
 */
export function normalizeText(text: string): string {
  let result = text;
  if (NEEDS_CLEANING.test(result)) {
    result = result
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what is looked for
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  }
  return result.normalize('NFC');
}

export function textRuns(text: string): TextRun[] {
  if (text === '') return [];
  if (SIMPLE.test(text)) return [{ text, family: 'latin', rtl: false }];
  const chars = Array.from(text);
  const families = assignFamilies(chars);
  if (!STRONG_RTL.test(text)) return groupRuns(chars, families, null);

  // Visual order: apply bidi-js's reorder segments (indices into the UTF-16 string) to the characters.
  const levels = bidi.getEmbeddingLevels(text);
  const unitToChar: number[] = [];
  const charStart: number[] = [];
  chars.forEach((char, i) => {
    charStart.push(unitToChar.length);
    for (let u = 0; u < char.length; u++) unitToChar.push(i);
  });
  const charLevels = chars.map((_, i) => levels.levels[charStart[i]]);
  const order = chars.map((_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(text, levels)) {
    const from = unitToChar[start];
    const to = unitToChar[end];
    const slice = order.slice(from, to + 1).reverse();
    order.splice(from, slice.length, ...slice);
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  const visual = order.map((i) => {
    return mirrored.get(charStart[i]) ?? chars[i];
  });
  return groupRuns(
    visual,
    order.map((i) => families[i]),
    order.map((i) => charLevels[i] % 2 === 1),
  );
}

/** Each character's font; neutrals (spaces, digits, punctuation, marks) take the previous (else the next) character's font when it can draw them. */
function assignFamilies(chars: readonly string[]): FontFamily[] {
  const own = chars.map((char) => (NEUTRAL.test(char) ? null : familyFor(char)));
  const result: FontFamily[] = [];
  let previous: FontFamily | null = null;
  chars.forEach((char, i) => {
    let family = own[i];
    if (family === null && NEUTRAL.test(char)) {
      const next = own.slice(i + 1).find((f) => f !== null) ?? null;
      for (const candidate of [previous, next]) {
        if (candidate && covers(candidate, char)) {
          family = candidate;
          break;
        }
      }
      family ??= familyFor(char);
    }
    result.push(family ?? 'latin');
    previous = family ?? previous;
  });
  return result;
}

function covers(family: FontFamily, char: string): boolean {
  return loadFont(family, 'regular').hasGlyphForCodePoint(char.codePointAt(0) as number);
}

/**
 * Joins consecutive characters with the same font and direction. `chars` is in visual order; a
 * right-to-left group is turned back to logical order for fontkit, which reverses it again as it
 * lays it out — unless the group has no right-to-left letter (fontkit would then keep it as is).
 */
function groupRuns(chars: readonly string[], families: readonly FontFamily[], rtl: readonly boolean[] | null): TextRun[] {
  const runs: TextRun[] = [];
  let current: { chars: string[]; family: FontFamily; rtl: boolean } | null = null;
  const flush = (): void => {
    if (!current) return;
    let runText = current.chars.join('');
    const isRtl = current.rtl && STRONG_RTL.test(runText);
    if (isRtl) runText = Array.from(runText).reverse().join('');
    runs.push({ text: runText, family: current.family, rtl: isRtl });
    current = null;
  };
  chars.forEach((char, i) => {
    const family = families[i];
    const isRtl = rtl?.[i] ?? false;
    if (current && current.family === family && current.rtl === isRtl) {
      current.chars.push(char);
      return;
    }
    flush();
    current = { chars: [char], family, rtl: isRtl };
  });
  flush();
  return runs;
}
