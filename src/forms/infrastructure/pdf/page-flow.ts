/**
 * A small layout engine over pdfkit: it places every line itself (wrapping with the font metrics,
 * breaking pages before a line would cross the bottom margin), so page breaks are predictable,
 * text never spills into the header or footer, and tables can repeat their header row.
 *
 * Any Unicode text may be given to it: each line is drawn as runs of the embedded fonts' fallback
 * chain in visual order (text-runs.ts). It also tags what it draws (tagged PDF): text drawn
 * `within` a structure element becomes that element's marked content; everything else (page
 * furniture, rules, borders) is marked as an artifact, so assistive technology reads only the
 * content, in structure order.
 */
import { fontKey, loadFont, widthOfRun } from './fonts';
import type { FontFace, FontFamily } from './fonts';
import { normalizeText, textRuns } from './text-runs';
import type { TextRun } from './text-runs';

type Doc = PDFKit.PDFDocument;

export type FontName = FontFace;

/** A structure element with its type (the tag its marked content carries). */
export interface Tag {
  readonly element: PDFKit.PDFStructureElement;
  readonly type: string;
}

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  /** Distance between baselines, in points. */
  leading: number;
}

export function style(font: FontName, size: number, color = '#0b0c0c', leading = Math.round(size * 1.3 * 10) / 10): TextStyle {
  return { font, size, color, leading };
}

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export class PageFlow {
  /** Top of the next thing to draw, on the current page. */
  y = 0;
  private pageCount = 0;
  private readonly registered = new Set<string>();
  /** The structure element that text drawn now belongs to; null: it is an artifact. */
  private current: Tag | null = null;
  /** The document's root structure element (Document). */
  readonly root: Tag;

  constructor(
    readonly doc: Doc,
    readonly page: PageGeometry,
    /** Draws what every page carries before its content (header, watermark). */
    private readonly decoratePage: (doc: Doc) => void,
  ) {
    const element = doc.struct('Document');
    doc.addStructure(element);
    this.root = { element, type: 'Document' };
  }

  /** A new structure element, child of `parent` (default: the element being drawn into, else the root). */
  struct(
    type: string,
    parent: Tag | null = this.current ?? this.root,
    options: { scope?: 'Row' | 'Column'; title?: string } = {},
  ): Tag {
    const element = this.doc.struct(type, options.title ? { title: options.title } : {});
    if (options.scope) {
      // The table attribute that tells a screen reader which cells a header cell heads.
      (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
        O: 'Table',
        Scope: options.scope,
      };
    }
    (parent ?? this.root).element.add(element);
    return { element, type };
  }

  /** Runs `draw` with its text tagged as content of `tag`, then closes the element unless `keepOpen`. */
  within<T>(tag: Tag, draw: () => T, keepOpen = false): T {
    const previous = this.current;
    this.current = tag;
    try {
      return draw();
    } finally {
      this.current = previous;
      if (!keepOpen) tag.element.end();
    }
  }

  /** Creates an element under the current one and draws its content into it. */
  tagged<T>(type: string, draw: () => T): T {
    return this.within(this.struct(type), draw);
  }

  /** Draws page furniture (header, footer, watermark, rules, borders) outside the structure tree. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' | 'Page' = 'Layout'): void {
    const previous = this.current;
    this.current = null;
    this.doc.markContent('Artifact', { type } as PDFKit.Mixins.MarkingOptions);
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
      this.current = previous;
    }
  }

  get left(): number {
    return this.page.left;
  }

  get contentWidth(): number {
    return this.page.width - this.page.left - this.page.right;
  }

  /** The lowest y content may reach. */
  get limit(): number {
    return this.page.height - this.page.bottom;
  }

  /** Height available on a fresh page. */
  get fullPageHeight(): number {
    return this.limit - this.page.top;
  }

  get pages(): number {
    return this.pageCount;
  }

  newPage(): void {
    this.doc.addPage({ size: [this.page.width, this.page.height], margin: 0 });
    this.pageCount += 1;
    this.decoratePage(this.doc);
    this.y = this.page.top;
  }

  /** Starts a new page unless `height` more points fit on this one; true when it broke the page. */
  ensure(height: number): boolean {
    if (this.y + height <= this.limit || this.y === this.page.top) return false;
    this.newPage();
    return true;
  }

  space(points: number): void {
    this.y = Math.min(this.y + points, this.limit);
  }

  /** Selects a face of a family, embedding it in this document the first time it is used. */
  setFont(textStyle: TextStyle, family: FontFamily = 'latin'): void {
    const key = fontKey(family, textStyle.font);
    if (!this.registered.has(key)) {
      this.doc.registerFont(key, loadFont(family, textStyle.font) as unknown as PDFKit.Mixins.PDFFontSource);
      this.registered.add(key);
    }
    this.doc.font(key).fontSize(textStyle.size);
  }

  width(text: string, textStyle: TextStyle): number {
    let total = 0;
    for (const run of textRuns(text)) total += this.runWidth(run, textStyle);
    return total;
  }

  /** Measured without the document (fonts.ts `widthOfRun`): measuring selects and embeds no font. */
  private runWidth(run: TextRun, textStyle: TextStyle): number {
    // Right-to-left runs are measured (and drawn) whole: pdfkit would otherwise lay out each word alone.
    return widthOfRun(run.family, textStyle.font, run.text, run.rtl, textStyle.size);
  }

  /**
   * Word-wraps text to `maxWidth`. Each `\n` starts a new line and blank lines are kept (as ''),
   * so paragraphs survive; a word longer than a whole line is broken between characters.
   */
  wrap(text: string, textStyle: TextStyle, maxWidth: number): string[] {
    text = normalizeText(text);
    const measure = (s: string): number => this.width(s, textStyle);
    const spaceWidth = measure(' ');
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      const words = paragraph.replace(/ +$/, '').split(' ');
      let line = '';
      let lineWidth = 0;
      for (const word of words) {
        const wordWidth = measure(word);
        const gap = line === '' ? 0 : spaceWidth;
        if (lineWidth + gap + wordWidth <= maxWidth) {
          line = line === '' ? word : `${line} ${word}`;
          lineWidth += gap + wordWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        if (wordWidth <= maxWidth) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        const pieces = breakWord(word, maxWidth, measure);
        const last = pieces.pop() as string;
        lines.push(...pieces);
        line = last;
        lineWidth = measure(last);
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Draws one line of text with its top at `y`. Never wraps and never adds a page. Every run sits
   * on the same baseline, whatever its font's ascent.
   */
  drawLine(text: string, x: number, y: number, textStyle: TextStyle): void {
    if (text === '') return;
    const baseline = y + textStyle.size * ASCENT;
    const draw = (): void => {
      let runX = x;
      for (const run of textRuns(normalizeText(text))) {
        this.setFont(textStyle, run.family);
        const width = this.runWidth(run, textStyle);
        if (run.rtl) mapRtlLigatures(this.doc, run.text);
        this.doc.fillColor(textStyle.color).text(run.text, runX, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          ...(run.rtl ? { features: [] } : {}),
        });
        runX += width;
      }
    };
    const tag = this.current;
    if (!tag) {
      this.artifact(draw);
      return;
    }
    const content = this.doc.markStructureContent(tag.type);
    draw();
    this.doc.endMarkedContent();
    tag.element.add(content);
  }

  /** Draws wrapped lines in the flow at `x`, breaking pages between lines as needed. */
  drawLines(lines: readonly string[], x: number, textStyle: TextStyle): void {
    for (const line of lines) {
      if (this.y + textStyle.leading > this.limit) this.newPage();
      this.drawLine(line, x, this.y, textStyle);
      this.y += textStyle.leading;
    }
  }

  /** Wraps and draws a block of text in the flow. */
  paragraph(text: string, textStyle: TextStyle, x = this.left, maxWidth = this.contentWidth - (x - this.left)): void {
    this.drawLines(this.wrap(text, textStyle, maxWidth), x, textStyle);
  }

  rule(color = '#b1b4b6', thickness = 0.75): void {
    this.artifact(() => {
      this.doc
        .save()
        .moveTo(this.left, this.y)
        .lineTo(this.left + this.contentWidth, this.y)
        .lineWidth(thickness)
        .strokeColor(color)
        .stroke()
        .restore();
    });
  }
}

interface EmbeddedFontInternals {
  font: { layout(text: string, features: string[]): { glyphs: { id: number; codePoints: number[] }[] } };
  subset: { includeGlyph(id: number): number };
  unicode: (number[] | undefined)[];
}

/**
 * Text extractors (PDF.js, poppler) read a right-to-left line in visual order and then reverse it
 * character by character. A ligature glyph standing for several characters (Arabic lam-alef, the
 * word Allah) would come out with its characters reversed: its ToUnicode entry is written in
 * reverse here, before pdfkit records it in logical order (pdfkit keeps the first entry per glyph),
 * so the extracted text equals what was typed. Relies on pdfkit 0.20's EmbeddedFont fields
 * (`font`, `subset`, `unicode`): pinned, and covered by the Arabic round-trip test.
 */
function mapRtlLigatures(doc: Doc, text: string): void {
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  if (!embedded?.font || !embedded.subset || !Array.isArray(embedded.unicode)) return;
  for (const glyph of embedded.font.layout(text, []).glyphs) {
    if (glyph.codePoints.length < 2) continue;
    const gid = embedded.subset.includeGlyph(glyph.id);
    embedded.unicode[gid] ??= [...glyph.codePoints].reverse();
  }
}

/** DejaVu Sans's ascent (928/1000 em, rounded down a little): the baseline's distance below a line's top. */
const ASCENT = 0.9;

/** Breaks a word wider than a line into pieces that each fit (at least one character per piece). */
function breakWord(word: string, maxWidth: number, measure: (s: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const char of word) {
    const charWidth = measure(char);
    if (piece !== '' && width + charWidth > maxWidth) {
      pieces.push(piece);
      piece = '';
      width = 0;
    }
    piece += char;
    width += charWidth;
  }
  pieces.push(piece);
  return pieces;
}
