/**
 * A small layout engine over pdfkit: it places every line itself (wrapping with the font metrics,
 * breaking pages before a line would cross the bottom margin), so page breaks are predictable,
 * text never spills into the header or footer, and tables can repeat their header row.
 * Text given to it must already be WinAnsi-safe (see `toWinAnsi`).
 */

type Doc = PDFKit.PDFDocument;

export type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique';

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

  constructor(
    readonly doc: Doc,
    readonly page: PageGeometry,
    /** Draws what every page carries before its content (header, watermark). */
    private readonly decoratePage: (doc: Doc) => void,
  ) {}

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

  setFont(textStyle: TextStyle): void {
    this.doc.font(textStyle.font).fontSize(textStyle.size);
  }

  width(text: string, textStyle: TextStyle): number {
    this.setFont(textStyle);
    return this.doc.widthOfString(text);
  }

  /**
   * Word-wraps text to `maxWidth`. Each `\n` starts a new line and blank lines are kept (as ''),
   * so paragraphs survive; a word longer than a whole line is broken between characters.
   */
  wrap(text: string, textStyle: TextStyle, maxWidth: number): string[] {
    this.setFont(textStyle);
    const measure = (s: string): number => this.doc.widthOfString(s);
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

  /** Draws one line of text with its top at `y`. Never wraps and never adds a page. */
  drawLine(text: string, x: number, y: number, textStyle: TextStyle): void {
    if (text === '') return;
    this.setFont(textStyle);
    this.doc.fillColor(textStyle.color).text(text, x, y, { lineBreak: false });
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
    this.doc
      .save()
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.contentWidth, this.y)
      .lineWidth(thickness)
      .strokeColor(color)
      .stroke()
      .restore();
  }
}

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
