/**
 * Renders a form with its answers as a PDF (issue 5; API.md GET /tasks/{id}/pdf): the form title,
 * the subject, every page of the form as a heading with each visible question and its answer in
 * form order, the attached documents, the submission details once submitted, "Page N of M" on
 * every page and, before submission, a DRAFT watermark and header on every page.
 *
 * Pure and framework-free: the caller loads the task and decides when to render (a draft on
 * request; the submitted file once, at submission, stored and delivered as is).
 */
import PDFDocument from 'pdfkit';
import {
  LIST_SEPARATOR,
  computeVisibility,
  displayAnswer,
  isUnanswered,
  orderedQuestions,
  visibleAnswers,
} from '../../../../libs/form-schema/src';
import type { Answers, FormDefinition, Question, TableQuestion } from '../../../../libs/form-schema/src';
import { formatEmailDateTime } from '../../../shared/dates';
import { PageFlow, style } from './page-flow';
import type { PageGeometry } from './page-flow';
import { drawTable, tableStartHeight } from './pdf-table';
import { toWinAnsi } from './win-ansi';

export interface FormPdfInput {
  definition: FormDefinition;
  /** The saved answers, hidden ones included: they are left out here. */
  answers: Answers;
  /** Values for the read-only questions, from the case system. */
  prefill: Record<string, unknown>;
  subject: { reference: string; displayName: string };
  status: 'draft' | 'submitted';
  /** ISO instant. */
  submittedAt?: string;
  submittedBy?: { name: string; organisation: string; email: string };
  attachments: { filename: string; size: number; contentType: string }[];
  councilName: string;
  /** ISO instant; also the document's creation date, so the same input gives the same bytes. */
  generatedAt: string;
  /** Zone in which instants are written on the page; default `Europe/London` (PORTAL_TIMEZONE). */
  timeZone?: string;
}

export const NOT_ANSWERED = 'Not answered';
export const NOT_PROVIDED = 'Not provided';
export const DRAFT_HEADER = 'DRAFT \u2013 not submitted';

const A4: PageGeometry = { width: 595.28, height: 841.89, top: 62, bottom: 58, left: 56, right: 56 };

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const TITLE = style('Helvetica-Bold', 18, INK, 22);
const PAGE_HEADING = style('Helvetica-Bold', 13.5, INK, 17);
const LABEL = style('Helvetica-Bold', 10.5, INK, 13.5);
const BODY = style('Helvetica', 10.5, INK, 13.8);
const EMPTY = style('Helvetica-Oblique', 10.5, MUTED, 13.8);
const SMALL = style('Helvetica', 8.5, MUTED, 11);
const DRAFT_MARK = style('Helvetica-Bold', 9, '#d4351c', 11);
const KEY_WIDTH = 110;
const ANSWER_INDENT = 12;
const BULLET = '\u2022';

export async function renderFormPdf(input: FormPdfInput): Promise<Buffer> {
  const generatedAt = new Date(input.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new RangeError('generatedAt must be an ISO-8601 instant');
  const timeZone = input.timeZone ?? 'Europe/London';
  const isDraft = input.status !== 'submitted';
  const councilName = toWinAnsi(input.councilName);

  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    // No personal data in the metadata: the child's name and the professional's stay on the page.
    info: {
      Title: input.definition.title,
      Author: input.councilName,
      Subject: `${input.definition.title} (${input.definition.key} v${input.definition.version})${isDraft ? ' - draft' : ''}`,
      Creator: 'Professional Portal',
      Producer: 'Professional Portal (PDFKit)',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const output = collect(doc);

  const submittedAt = input.submittedAt ? new Date(input.submittedAt) : undefined;
  const submittedOn =
    submittedAt && !Number.isNaN(submittedAt.getTime()) ? formatEmailDateTime(submittedAt, timeZone) : undefined;
  const headerRight = isDraft ? DRAFT_HEADER : submittedOn ? `Submitted ${submittedOn}` : 'Submitted';
  const flow = new PageFlow(doc, A4, () => {
    if (isDraft) drawWatermark(doc);
    drawHeader(flow, councilName, headerRight, isDraft);
  });
  flow.newPage();

  drawIntroduction(flow, input, submittedOn, isDraft);
  drawQuestions(flow, input);
  drawAttachments(flow, input);
  drawFooters(flow, `Generated ${formatEmailDateTime(generatedAt, timeZone)}`);

  doc.end();
  return output;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * The letters D, R, A, F, T as stroked centre lines in a 64 × 100 box. The watermark is drawn as
 * vector shapes, not text, so it stays out of the text layer: text extraction (pdftotext, screen
 * readers, the case system's indexing) reads the page content uninterrupted, and the DRAFT status
 * is still in the text through the header.
 */
const WATERMARK_LETTERS = [
  'M 8 8 L 8 92 L 28 92 C 63 92 63 8 28 8 Z',
  'M 8 92 L 8 8 L 32 8 C 62 8 62 50 32 50 L 8 50 M 30 50 L 58 92',
  'M 3 92 L 32 8 L 61 92 M 15 62 L 49 62',
  'M 8 92 L 8 8 L 58 8 M 8 48 L 48 48',
  'M 3 8 L 61 8 M 32 8 L 32 92',
];
const LETTER_ADVANCE = 80;

function drawWatermark(doc: PDFKit.PDFDocument): void {
  const wordWidth = LETTER_ADVANCE * (WATERMARK_LETTERS.length - 1) + 64;
  const scale = 1.4;
  const angle = Math.atan(A4.height / A4.width) * (180 / Math.PI);
  doc
    .save()
    .translate(A4.width / 2, A4.height / 2)
    .rotate(-angle)
    .scale(scale)
    .translate(-wordWidth / 2, -50)
    .lineWidth(15)
    .lineJoin('miter')
    .lineCap('butt')
    .strokeColor('#b1b4b6', 0.35);
  WATERMARK_LETTERS.forEach((letter, i) => {
    doc
      .save()
      .translate(i * LETTER_ADVANCE, 0)
      .path(letter)
      .stroke()
      .restore();
  });
  doc.restore();
}

function drawHeader(flow: PageFlow, councilName: string, right: string, isDraft: boolean): void {
  const top = 26;
  flow.drawLine(councilName, A4.left, top, SMALL);
  const rightStyle = isDraft ? DRAFT_MARK : SMALL;
  flow.drawLine(right, A4.width - A4.right - flow.width(right, rightStyle), top - 0.5, rightStyle);
  const y = flow.y;
  flow.y = top + 16;
  flow.rule();
  flow.y = y;
}

function drawFooters(flow: PageFlow, left: string): void {
  const doc = flow.doc;
  const range = doc.bufferedPageRange();
  const y = A4.height - A4.bottom + 22;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const saved = flow.y;
    flow.y = y - 8;
    flow.rule();
    flow.y = saved;
    flow.drawLine(left, A4.left, y, SMALL);
    const pageText = `Page ${i + 1} of ${range.count}`;
    flow.drawLine(pageText, A4.width - A4.right - flow.width(pageText, SMALL), y, SMALL);
  }
}

function keyValue(flow: PageFlow, key: string, value: string): void {
  const lines = flow.wrap(value, BODY, flow.contentWidth - KEY_WIDTH);
  flow.ensure(BODY.leading);
  flow.drawLine(key, flow.left, flow.y, LABEL);
  flow.drawLines(lines, flow.left + KEY_WIDTH, BODY);
}

function drawIntroduction(flow: PageFlow, input: FormPdfInput, submittedOn: string | undefined, isDraft: boolean): void {
  flow.paragraph(toWinAnsi(input.definition.title), TITLE);
  flow.space(8);
  keyValue(flow, 'Subject', toWinAnsi(input.subject.displayName));
  keyValue(flow, 'Reference', toWinAnsi(input.subject.reference));
  if (isDraft) {
    keyValue(flow, 'Status', 'Draft \u2013 not submitted. The answers may still change.');
  } else {
    keyValue(flow, 'Status', 'Submitted');
    if (submittedOn) keyValue(flow, 'Submitted on', submittedOn);
    if (input.submittedBy) {
      const { name, organisation, email } = input.submittedBy;
      keyValue(flow, 'Submitted by', toWinAnsi([name, organisation, email].filter((part) => part.trim() !== '').join('\n')));
    }
  }
  flow.space(10);
  flow.rule();
  flow.space(12);
}

function drawPageHeading(flow: PageFlow, title: string): void {
  const lines = flow.wrap(toWinAnsi(title), PAGE_HEADING, flow.contentWidth);
  // Keep the heading with the start of what follows it.
  flow.ensure(lines.length * PAGE_HEADING.leading + 4 * BODY.leading);
  flow.drawLines(lines, flow.left, PAGE_HEADING);
  flow.space(6);
}

function drawQuestions(flow: PageFlow, input: FormPdfInput): void {
  const { definition, prefill } = input;
  const visibility = computeVisibility(definition, input.answers);
  const answers = visibleAnswers(definition, input.answers);
  let pageIndex = -1;
  for (const { question, pageIndex: index, page } of orderedQuestions(definition)) {
    if (index !== pageIndex) {
      if (pageIndex >= 0) flow.space(8);
      pageIndex = index;
      drawPageHeading(flow, page.title);
    }
    if (visibility.get(question.id) !== true) continue;
    const value = question.type === 'readonly' ? ownValue(prefill, question.id) : answers[question.id];
    drawQuestion(flow, question, value);
  }
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return typeof record === 'object' && record !== null && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

function drawQuestion(flow: PageFlow, question: Question, value: unknown): void {
  const labelLines = flow.wrap(toWinAnsi(question.label), LABEL, flow.contentWidth);
  const labelHeight = labelLines.length * LABEL.leading + 3;
  const answerX = flow.left + ANSWER_INDENT;
  const answerWidth = flow.contentWidth - ANSWER_INDENT;
  const emptyText = question.type === 'readonly' ? NOT_PROVIDED : NOT_ANSWERED;

  if (question.type === 'table') {
    const table = tableContent(question, value);
    if (table) {
      flow.ensure(labelHeight + tableStartHeight(flow, table, { width: answerWidth }));
      flow.drawLines(labelLines, flow.left, LABEL);
      flow.space(3);
      drawTable(flow, table, { x: answerX, width: answerWidth });
      flow.space(10);
      return;
    }
    answerBlock(flow, labelLines, labelHeight, [emptyText], EMPTY, answerX);
    return;
  }

  const shown = isUnanswered(value) ? '' : displayAnswer(question, value);
  const text = typeof shown === 'string' ? toWinAnsi(shown) : '';
  if (text.trim() === '') {
    answerBlock(flow, labelLines, labelHeight, [emptyText], EMPTY, answerX);
    return;
  }
  if (question.type === 'checkboxes') {
    const items = text.split(LIST_SEPARATOR).filter((item) => item.trim() !== '');
    const bulletWidth = flow.width(`${BULLET}  `, BODY);
    const lines: { text: string; x: number }[] = [];
    for (const item of items) {
      flow.wrap(item, BODY, answerWidth - bulletWidth).forEach((line, n) => {
        if (n === 0) lines.push({ text: BULLET, x: answerX });
        lines.push({ text: line, x: answerX + bulletWidth });
      });
    }
    flow.ensure(labelHeight + BODY.leading);
    flow.drawLines(labelLines, flow.left, LABEL);
    flow.space(3);
    for (const line of lines) {
      if (line.text === BULLET) {
        if (flow.y + BODY.leading > flow.limit) flow.newPage();
        flow.drawLine(BULLET, line.x, flow.y, BODY);
        continue;
      }
      flow.drawLines([line.text], line.x, BODY);
    }
    flow.space(10);
    return;
  }
  answerBlock(flow, labelLines, labelHeight, flow.wrap(text, BODY, answerWidth), BODY, answerX);
}

/** The label and its answer lines, keeping the label with (up to) the first two lines. */
function answerBlock(
  flow: PageFlow,
  labelLines: string[],
  labelHeight: number,
  lines: string[],
  textStyle: ReturnType<typeof style>,
  x: number,
): void {
  flow.ensure(labelHeight + Math.min(lines.length, 2) * textStyle.leading);
  flow.drawLines(labelLines, flow.left, LABEL);
  flow.space(3);
  flow.drawLines(lines, x, textStyle);
  flow.space(10);
}

/** Display strings for a table answer, or null when it has no row with anything in it. */
function tableContent(question: TableQuestion, value: unknown) {
  const cells = displayAnswer(question, value);
  if (!Array.isArray(cells)) return null;
  const rows = cells.map((row) => row.map((cell) => toWinAnsi(cell))).filter((row) => row.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) return null;
  return {
    caption: toWinAnsi(question.label),
    headers: question.columns.map((column) => toWinAnsi(column.label)),
    rows,
  };
}

function drawAttachments(flow: PageFlow, input: FormPdfInput): void {
  if (!input.definition.allowAttachments && input.attachments.length === 0) return;
  flow.space(8);
  drawPageHeading(flow, 'Supporting documents');
  if (input.attachments.length === 0) {
    flow.drawLines(['No documents attached'], flow.left + ANSWER_INDENT, EMPTY);
    return;
  }
  const bulletWidth = flow.width(`${BULLET}  `, BODY);
  const x = flow.left + ANSWER_INDENT;
  for (const attachment of input.attachments) {
    const text = `${toWinAnsi(attachment.filename)} (${formatSize(attachment.size)})`;
    const lines = flow.wrap(text, BODY, flow.contentWidth - ANSWER_INDENT - bulletWidth);
    flow.ensure(BODY.leading);
    flow.drawLine(BULLET, x, flow.y, BODY);
    flow.drawLines(lines, x + bulletWidth, BODY);
    flow.space(2);
  }
}

/** 512 bytes · 34 KB · 1.2 MB (binary units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1024) return `${Math.round(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
