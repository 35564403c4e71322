/**
 * The fonts the PDF is drawn with: Unicode TrueType/OpenType fonts shipped in pinned npm packages,
 * embedded as subsets (only the glyphs used), so a name is printed as it was typed in any of the
 * scripts below. The built-in PDF fonts (Helvetica) only know WinAnsi: they turned "Łukasz" into
 * "Lukasz" and Arabic or Chinese into "????".
 *
 * A fallback chain per character: DejaVu Sans (Latin incl. Welsh, Polish, Vietnamese; Greek;
 * Cyrillic; Armenian; Georgian; many symbols) → Noto Naskh Arabic → Noto Sans Hebrew → Noto Sans
 * CJK SC (Chinese; also covers Japanese kana and Korean hangul) → Noto Emoji (monochrome, as
 * people do put emoji in names and answers). Arabic and Hebrew letters go to
 * their own fonts first: DejaVu has some of their glyphs but not their shaping rules.
 *
 * The font files are read and parsed once per process, each only when a document first needs it:
 * the CJK font is 8 MB and most forms never use it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type FontFace = 'regular' | 'bold' | 'oblique';
export type FontFamily = 'latin' | 'arabic' | 'hebrew' | 'cjk' | 'emoji';

const FAMILY_ORDER: readonly FontFamily[] = ['latin', 'arabic', 'hebrew', 'cjk', 'emoji'];

function packageDir(entry: string): string {
  return dirname(require.resolve(entry));
}

/** Where each family's faces come from. Italic exists only for Latin; the others use regular. */
function fontFile(family: FontFamily, face: FontFace): string {
  switch (family) {
    case 'latin': {
      const dir = join(packageDir('dejavu-fonts-ttf/package.json'), 'ttf');
      const name = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', oblique: 'DejaVuSans-Oblique.ttf' }[face];
      return join(dir, name);
    }
    case 'arabic':
      // The package's main file is dist/index.cjs; the fonts sit beside dist/.
      return join(
        packageDir('@embedpdf/fonts-arabic'),
        '..',
        'fonts',
        `NotoNaskhArabic-${face === 'bold' ? 'Bold' : 'Regular'}.ttf`,
      );
    case 'hebrew':
      return join(
        packageDir('@embedpdf/fonts-hebrew'),
        '..',
        'fonts',
        `NotoSansHebrew-${face === 'bold' ? 'Bold' : 'Regular'}.ttf`,
      );
    case 'cjk':
      return join(packageDir('@embedpdf/fonts-sc'), '..', 'fonts', `NotoSansHans-${face === 'bold' ? 'Bold' : 'Regular'}.otf`);
    case 'emoji': {
      const weight = face === 'bold' ? '700Bold/NotoEmoji_700Bold.ttf' : '400Regular/NotoEmoji_400Regular.ttf';
      return require.resolve(`@expo-google-fonts/noto-emoji/${weight}`);
    }
  }
}

const loaded = new Map<string, fontkit.Font>();

/** The parsed font for a family and face, read from disk the first time it is asked for. */
export function loadFont(family: FontFamily, face: FontFace): fontkit.Font {
  const key = fontKey(family, face);
  let font = loaded.get(key);
  if (!font) {
    font = fontkit.create(readFileSync(fontFile(family, face))) as fontkit.Font;
    keepShapedRuns(font);
    loaded.set(key, font);
  }
  return font;
}

/**
 * Words whose shaping each font keeps (a form's labels, options and headings, and common answer
 * words): ~400 bytes of heap each (measured), so at most ~4 MB per font; then they are dropped and
 * kept afresh.
 */
const SHAPED_RUNS_PER_FONT = 10_000;
/** Texts whose width is kept (a number and its key each). */
const WIDTHS_KEPT = 20_000;
let shapingCache = true;

/** For tests: the very same documents drawn with every word shaped afresh. */
export function useShapingCache(enabled: boolean): void {
  shapingCache = enabled;
  unitWidths.clear();
  for (const font of loaded.values()) (font as ShapingFont).shapedRuns?.clear();
}

type GlyphRun = ReturnType<fontkit.Font['layout']>;
type ShapingFont = fontkit.Font & { shapedRuns?: Map<string, GlyphRun> };

/**
 * Shaping a word (fontkit's OpenType layout: GSUB and GPOS lookups) was a third of a PDF's CPU, and
 * pdfkit keeps what it shaped per document only, so every submission shaped the form's labels, options
 * and headings again. Each font now keeps the runs of the words it shaped, for the process's life,
 * across documents. The result is the same: layout depends on the text and the font alone (runs with
 * explicit features, script or direction — right-to-left text — are shaped afresh every time). pdfkit
 * scales a run's positions in place, so every caller gets its own copy of them; the glyphs are the
 * font's own objects, shared already (fontkit keeps one per glyph id).
 */
function keepShapedRuns(font: ShapingFont): void {
  const shape = font.layout.bind(font) as (text: string, ...options: unknown[]) => GlyphRun;
  const runs = new Map<string, GlyphRun>();
  font.shapedRuns = runs;
  font.layout = ((text: string, ...options: unknown[]) => {
    if (!shapingCache || options.some((option) => option !== undefined)) return shape(text, ...options);
    let run = runs.get(text);
    if (!run) {
      run = shape(text);
      // What the run was shaped with: nothing pdfkit reads, and a fresh object of ~20 tags per run.
      (run as { features?: unknown }).features = undefined;
      if (runs.size >= SHAPED_RUNS_PER_FONT) runs.clear();
      runs.set(text, run);
    }
    return copyOfRun(run);
  }) as fontkit.Font['layout'];
}

const unitWidths = new Map<string, number>();

/**
 * The width of a run of text at `size`, exactly as pdfkit's `widthOfString` measures it (0.20: a
 * left-to-right run laid out a word at a time, split after each space or tab, each word's advances
 * scaled to 1000 units per em and summed in order; a right-to-left run laid out whole with no extra
 * features), without a document: measuring is most of the calls a document makes (every word is
 * measured to wrap its line), and this keeps each text's width for the process's life. Drawing still
 * goes through pdfkit. Same arithmetic in the same order, so the same floating-point result: the
 * fidelity spec draws documents both ways and compares their bytes.
 */
export function widthOfRun(family: FontFamily, face: FontFace, text: string, rtl: boolean, size: number): number {
  const key = `${fontKey(family, face)}${rtl ? '<' : '>'}${text}`;
  let unit = shapingCache ? unitWidths.get(key) : undefined;
  if (unit === undefined) {
    const font = loadFont(family, face);
    const scale = 1000 / font.unitsPerEm;
    const advance = (run: GlyphRun): number => {
      let width = 0;
      for (const position of run.positions) width += position.xAdvance * scale;
      return width;
    };
    if (rtl) {
      unit = advance(font.layout(text, []));
    } else {
      unit = 0;
      let last = 0;
      for (let index = 0; index <= text.length; index++) {
        if ((index === text.length && last < index) || text[index] === ' ' || text[index] === '\t') {
          unit += advance(font.layout(text.slice(last, index + 1)));
          last = index + 1;
        }
      }
    }
    if (shapingCache) {
      if (unitWidths.size >= WIDTHS_KEPT) unitWidths.clear();
      unitWidths.set(key, unit);
    }
  }
  // pdfkit: font.widthOfString (advance × size / 1000), then (+ character spacing 0) × 100 / 100.
  return ((unit * (size / 1000) + 0) * 100) / 100;
}

function copyOfRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((position) =>
    Object.assign(Object.create(Object.getPrototypeOf(position) as object) as typeof position, position),
  );
  return copy;
}

/** The name a font is registered under in a document. */
export function fontKey(family: FontFamily, face: FontFace): string {
  return `${family}-${face}`;
}

/** Faces that have loaded in this process (for tests of lazy loading). */
export function loadedFonts(): string[] {
  return [...loaded.keys()];
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const CJK =
  /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3200-\u32FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{2FA1F}]/u;

/** The family to try first for a character, by its script. */
function preferredFamily(char: string): FontFamily {
  if (ARABIC.test(char)) return 'arabic';
  if (HEBREW.test(char)) return 'hebrew';
  if (CJK.test(char)) return 'cjk';
  // Emoji before the text fonts: DejaVu has a few pictographs, as text-style glyphs.
  if (EMOJI.test(char) && (char.codePointAt(0) as number) > 0x2000) return 'emoji';
  return 'latin';
}

const coverage = new Map<string, FontFamily | null>();

/**
 * The family that draws a character: its script's font if that has the glyph, else the first in
 * the chain that does, else null (no font here has it: it is drawn with the Latin font's
 * missing-glyph box, never replaced by another character).
 */
export function familyFor(char: string): FontFamily | null {
  const cached = coverage.get(char);
  if (cached !== undefined) return cached;
  const codePoint = char.codePointAt(0) as number;
  const first = preferredFamily(char);
  const order = [first, ...FAMILY_ORDER.filter((family) => family !== first)];
  let found: FontFamily | null = null;
  for (const family of order) {
    // Lazily: the CJK font is opened only for a character that the others cannot draw.
    if (family === 'cjk' && first !== 'cjk' && (codePoint < 0x2000 || first === 'emoji')) continue;
    if (loadFont(family, 'regular').hasGlyphForCodePoint(codePoint)) {
      found = family;
      break;
    }
  }
  if (coverage.size < 10_000) coverage.set(char, found);
  return found;
}
