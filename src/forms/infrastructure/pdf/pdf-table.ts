/**
 * Tables drawn as real tables: a shaded header row with the column labels, a border round every
 * cell, text wrapped inside its cell. A row that does not fit on the rest of the page moves to the
 * next page; a row taller than what is left is split between lines instead, when it would not fit
 * on a whole page either or when the page still has room for a good part of it. Every page a table
 * continues on starts with "<caption> (continued)" and the header row again.
 */
import type { PageFlow, Tag, TextStyle } from './page-flow';
import { style } from './page-flow';

export interface TableContent {
  caption: string;
  /** Shown above the repeated header row on continuation pages. */
  continuedCaption?: string;
  headers: readonly string[];
  /** Display strings, rows × columns; `\n` separates lines within a cell. */
  rows: readonly (readonly string[])[];
}

export interface TableOptions {
  x?: number;
  width?: number;
  /** The structure element the table belongs to (tagged PDF); default the document. */
  parent?: Tag;
}

const HEADER_STYLE = style('bold', 9);
const CELL_STYLE = style('regular', 9);
const CONTINUED_STYLE = style('oblique', 8.5, '#505a5f');
const PADDING_X = 4;
const PADDING_Y = 3.5;
const BORDER_COLOR = '#6f777b';
const HEADER_FILL = '#e5e6e7';
const MIN_COLUMN_WIDTH = 36;
/** Split a row that does not fit only when at least this many of its lines fit on the current page. */
const MIN_LINES_BEFORE_SPLIT = 3;

/** The height the header row plus the first line of the first row need, to keep a table's start together. */
export function tableStartHeight(flow: PageFlow, content: TableContent, options: TableOptions = {}): number {
  const widths = columnWidths(flow, content, options.width ?? flow.contentWidth);
  return headerHeight(flow, content, widths) + CELL_STYLE.leading + 2 * PADDING_Y;
}

export function drawTable(flow: PageFlow, content: TableContent, options: TableOptions = {}): void {
  const x = options.x ?? flow.left;
  const widths = columnWidths(flow, content, options.width ?? flow.contentWidth);
  const headerLines = content.headers.map((header, i) => flow.wrap(header, HEADER_STYLE, widths[i] - 2 * PADDING_X));
  const headerRowHeight = rowHeight(headerLines, HEADER_STYLE);
  const continuedHeight = CONTINUED_STYLE.leading + 2;
  // Tagged as Table › TR › TH (column scope) / TD; the header row repeated on later pages and the
  // "(continued)" caption are artifacts, so a screen reader meets the header cells once.
  const table = flow.struct('Table', options.parent ?? flow.root);

  const drawHeader = (tagged: boolean): void => {
    const cells = tagged ? rowCells(flow, table, content.headers.length, 'TH') : null;
    drawRow(flow, x, widths, headerLines, 0, Infinity, HEADER_STYLE, HEADER_FILL, cells);
    flow.y += headerRowHeight;
  };
  const continueOnNextPage = (): void => {
    flow.newPage();
    flow.drawLine(content.continuedCaption ?? `${content.caption} (continued)`, x, flow.y, CONTINUED_STYLE);
    flow.y += continuedHeight;
    drawHeader(false);
  };

  if (flow.y + headerRowHeight + CELL_STYLE.leading + 2 * PADDING_Y > flow.limit) flow.newPage();
  drawHeader(true);

  const roomOnFreshPage = flow.fullPageHeight - continuedHeight - headerRowHeight;
  const linesPerFreshPage = Math.max(1, Math.floor((roomOnFreshPage - 2 * PADDING_Y) / CELL_STYLE.leading));

  for (const row of content.rows) {
    const cellLines = row.map((cell, i) => flow.wrap(cell, CELL_STYLE, widths[i] - 2 * PADDING_X));
    const total = Math.max(1, ...cellLines.map((lines) => lines.length));
    const cells = rowCells(flow, table, row.length, 'TD');
    let from = 0;
    let freshPage = false;
    while (from < total) {
      const remaining = total - from;
      // On a page that has just been started for this row, at least one line always goes down.
      const fitting = Math.max(freshPage ? 1 : 0, Math.floor((flow.limit - flow.y - 2 * PADDING_Y) / CELL_STYLE.leading));
      if (remaining <= fitting) {
        drawRow(flow, x, widths, cellLines, from, total, CELL_STYLE, undefined, cells);
        flow.y += rowHeightFor(remaining, CELL_STYLE);
        break;
      }
      // A row that fits on a fresh page moves there whole; a longer one fills this page first
      // (unless only a sliver of it would fit here).
      const split = freshPage || (remaining > linesPerFreshPage && fitting >= MIN_LINES_BEFORE_SPLIT);
      if (split) {
        drawRow(flow, x, widths, cellLines, from, from + fitting, CELL_STYLE, undefined, cells);
        flow.y += rowHeightFor(fitting, CELL_STYLE);
        from += fitting;
      }
      continueOnNextPage();
      freshPage = true;
    }
    endRow(cells);
  }
  table.element.end();
}

interface RowTags {
  row: Tag;
  cells: Tag[];
}

/** A TR with one TH or TD per column, left open so a row split over pages stays one row. */
function rowCells(flow: PageFlow, table: Tag, count: number, type: 'TH' | 'TD'): RowTags {
  const row = flow.struct('TR', table);
  const cells = Array.from({ length: count }, () => flow.struct(type, row, type === 'TH' ? { scope: 'Column' } : {}));
  return { row, cells };
}

function endRow(tags: RowTags | null): void {
  if (!tags) return;
  for (const cell of tags.cells) cell.element.end();
  tags.row.element.end();
}

function rowHeightFor(lineCount: number, textStyle: TextStyle): number {
  return lineCount * textStyle.leading + 2 * PADDING_Y;
}

function rowHeight(cellLines: readonly string[][], textStyle: TextStyle): number {
  return rowHeightFor(Math.max(1, ...cellLines.map((lines) => lines.length)), textStyle);
}

function headerHeight(flow: PageFlow, content: TableContent, widths: readonly number[]): number {
  return rowHeight(
    content.headers.map((header, i) => flow.wrap(header, HEADER_STYLE, widths[i] - 2 * PADDING_X)),
    HEADER_STYLE,
  );
}

/** Draws lines [from, to) of every cell of one row as one band of bordered cells at `flow.y`. */
function drawRow(
  flow: PageFlow,
  x: number,
  widths: readonly number[],
  cellLines: readonly string[][],
  from: number,
  to: number,
  textStyle: TextStyle,
  fill?: string,
  tags: RowTags | null = null,
): void {
  const count = Math.max(1, Math.min(to, Math.max(...cellLines.map((lines) => lines.length))) - from);
  const height = rowHeightFor(count, textStyle);
  const doc = flow.doc;
  let cellX = x;
  widths.forEach((width, i) => {
    flow.artifact(() => {
      doc.save().lineWidth(0.6).strokeColor(BORDER_COLOR);
      if (fill) doc.rect(cellX, flow.y, width, height).fillAndStroke(fill, BORDER_COLOR);
      else doc.rect(cellX, flow.y, width, height).stroke();
      doc.restore();
    });
    const lines = (cellLines[i] ?? []).slice(from, to);
    const draw = (): void =>
      lines.forEach((line, n) => flow.drawLine(line, cellX + PADDING_X, flow.y + PADDING_Y + n * textStyle.leading, textStyle));
    const cell = tags?.cells[i];
    if (cell) flow.within(cell, draw, true);
    else draw();
    cellX += width;
  });
}

/**
 * Column widths that fill the table, as browsers lay out automatic tables: a column whose content
 * fits within an even share of the room left gets its natural width (so short columns such as dates
 * never wrap), repeatedly; the columns with longer text share what remains evenly, never below the
 * width of their longest word (within reason). When everything fits, the slack is shared evenly.
 */
function columnWidths(flow: PageFlow, content: TableContent, tableWidth: number): number[] {
  const columns = content.headers.length;
  if (columns === 0) return [];
  const cap = tableWidth / columns;
  const natural: number[] = [];
  const minimum: number[] = [];
  for (let i = 0; i < columns; i++) {
    let longestLine = flow.width(content.headers[i], HEADER_STYLE);
    let longestWord = Math.max(0, ...content.headers[i].split(/\s+/).map((word) => flow.width(word, HEADER_STYLE)));
    for (const row of content.rows) {
      const cell = row[i] ?? '';
      if (cell === '') continue;
      // Long free text will be as wide as allowed anyway; measuring every word of it buys nothing.
      if (cell.length > 400) {
        longestLine = Math.max(longestLine, tableWidth);
        longestWord = Math.max(longestWord, cap);
        continue;
      }
      for (const line of cell.split('\n')) longestLine = Math.max(longestLine, flow.width(line, CELL_STYLE));
      for (const word of cell.split(/\s+/)) longestWord = Math.max(longestWord, flow.width(word, CELL_STYLE));
    }
    natural.push(longestLine + 2 * PADDING_X + 1);
    minimum.push(Math.max(MIN_COLUMN_WIDTH, Math.min(longestWord + 2 * PADDING_X + 1, cap)));
  }
  const naturalTotal = natural.reduce((a, b) => a + b, 0);
  if (naturalTotal <= tableWidth) {
    const slack = (tableWidth - naturalTotal) / columns;
    return natural.map((width) => width + slack);
  }
  const widths = new Array<number>(columns).fill(0);
  let open = natural.map((_, i) => i);
  let room = tableWidth;
  for (;;) {
    const share = room / open.length;
    const settled = open.filter((i) => natural[i] <= share);
    if (settled.length === 0 || settled.length === open.length) break;
    for (const i of settled) {
      widths[i] = natural[i];
      room -= natural[i];
    }
    open = open.filter((i) => !settled.includes(i));
  }
  // The wide columns: an even share each, but at least their minimum, taken from the others.
  const floor = open.map((i) => minimum[i]);
  const floorTotal = floor.reduce((a, b) => a + b, 0);
  if (floorTotal >= room) open.forEach((i, n) => (widths[i] = (floor[n] * room) / floorTotal));
  else {
    const even = room / open.length;
    const needy = open.filter((i) => minimum[i] > even);
    const needyTotal = needy.reduce((a, i) => a + minimum[i], 0);
    const rest = (room - needyTotal) / (open.length - needy.length || 1);
    for (const i of open) widths[i] = needy.includes(i) ? minimum[i] : rest;
  }
  return widths;
}
