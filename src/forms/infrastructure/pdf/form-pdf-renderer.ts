/**
 * Renders a form with its answers as a PDF (issue 5; API.md GET /tasks/{id}/pdf): the form title,
 * the subject, every page of the form as a heading with each visible question and its answer in
 * form order, the attached documents, the submission details once submitted, "Page N of M" on
 * every page and, before submission, a DRAFT watermark and header on every page.
 *
 * The file is the council's record (issue 23): every character is drawn as typed, with embedded
 * Unicode fonts (fonts.ts), and the PDF is tagged (structure tree, document language, title shown
 * in the window) and declares PDF/A-2a (docs/pdf.md says what is and is not checked). Its fixed
 * wording is in the reader's language (English or Welsh).
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
  localizeDefinition,
  orderedQuestions,
  visibleAnswers,
} from '../../../../libs/form-schema/src';
import type { Answers, FormDefinition, Question, TableQuestion } from '../../../../libs/form-schema/src';
import { formatDateTimeIn } from '../../../shared/i18n/dates';
import { DEFAULT_LANGUAGE, LANGUAGE_TAGS } from '../../../shared/i18n/language';
import type { Language } from '../../../shared/i18n/language';
import { translate, translator } from '../../../shared/i18n/messages';
import type { Translate } from '../../../shared/i18n/messages';
import { PageFlow, style } from './page-flow';
import type { PageGeometry, Tag, TextStyle } from './page-flow';
import { drawTable, tableStartHeight } from './pdf-table';

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
  /** The language of the fixed wording and of the document's /Lang; default English. */
  language?: Language;
}

export const NOT_ANSWERED = translate('en', 'pdf.notAnswered');
export const NOT_PROVIDED = translate('en', 'pdf.notProvided');
export const DRAFT_HEADER = translate('en', 'pdf.draftHeader');

const A4: PageGeometry = { width: 595.28, height: 841.89, top: 62, bottom: 58, left: 56, right: 56 };

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const TITLE = style('bold', 17, INK, 22);
const PAGE_HEADING = style('bold', 13, INK, 17);
const LABEL = style('bold', 10, INK, 13.5);
const BODY = style('regular', 10, INK, 14);
const EMPTY = style('oblique', 10, MUTED, 14);
const SMALL = style('regular', 8, MUTED, 11);
const DRAFT_MARK = style('bold', 8.5, '#d4351c', 11);
const KEY_WIDTH = 110;
const ANSWER_INDENT = 12;
const BULLET = '\u2022';

export async function renderFormPdf(input: FormPdfInput): Promise<Buffer> {
  const generatedAt = new Date(input.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new RangeError('generatedAt must be an ISO-8601 instant');
  const timeZone = input.timeZone ?? 'Europe/London';
  const isDraft = input.status !== 'submitted';
  const councilName = input.councilName;
  const language = input.language ?? DEFAULT_LANGUAGE;
  const t = translator(language);
  // The form's own texts in the reader's language where the definition has them (English otherwise).
  input = { ...input, definition: localizeDefinition(input.definition, language) };

  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default font: pdfkit would parse Helvetica's metrics for every document (2 % of a render),
    // and every text here is drawn in an embedded Unicode font (fonts.ts) chosen before it is drawn.
    font: null as unknown as string,
    bufferPages: true,
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    lang: LANGUAGE_TAGS[language],
    displayTitle: true,
    tagged: true,
    subset: 'PDF/A-2a',
    // No personal data in the metadata: the child's name and the professional's stay on the page.
    info: {
      Title: input.definition.title,
      Author: input.councilName,
      Subject: `${input.definition.title} (${input.definition.key} v${input.definition.version})${isDraft ? ` - ${t('pdf.draftSuffix')}` : ''}`,
      Creator: 'Professional Portal',
      Producer: 'Professional Portal (PDFKit)',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const output = collect(doc);

  const submittedAt = input.submittedAt ? new Date(input.submittedAt) : undefined;
  const submittedOn =
    submittedAt && !Number.isNaN(submittedAt.getTime()) ? formatDateTimeIn(language, submittedAt, timeZone) : undefined;
  const headerRight = isDraft
    ? t('pdf.draftHeader')
    : submittedOn
      ? t('pdf.submittedHeader', { date: submittedOn })
      : t('pdf.statusSubmitted');
  const flow = new PageFlow(doc, A4, () => {
    if (isDraft) flow.artifact(() => drawWatermark(doc));
    drawHeader(flow, councilName, headerRight, isDraft);
  });
  flow.newPage();

  drawIntroduction(flow, input, submittedOn, isDraft, t);
  drawQuestions(flow, input, t);
  drawAttachments(flow, input, t);
  drawFooters(flow, t('pdf.generated', { date: formatDateTimeIn(language, generatedAt, timeZone) }), t);
  flow.root.element.end();

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

function drawFooters(flow: PageFlow, left: string, t: Translate): void {
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
    const pageText = t('pdf.pageOf', { page: i + 1, pages: range.count });
    flow.drawLine(pageText, A4.width - A4.right - flow.width(pageText, SMALL), y, SMALL);
  }
}

/** One row of the introduction's table: the key as a row header cell, the value as a data cell. */
function keyValue(flow: PageFlow, table: Tag, key: string, value: string): void {
  const lines = flow.wrap(value, BODY, flow.contentWidth - KEY_WIDTH);
  flow.ensure(BODY.leading);
  const row = flow.struct('TR', table);
  flow.within(flow.struct('TH', row, { scope: 'Row' }), () => flow.drawLine(key, flow.left, flow.y, LABEL));
  flow.within(flow.struct('TD', row), () => flow.drawLines(lines, flow.left + KEY_WIDTH, BODY));
  row.element.end();
}

function drawIntroduction(
  flow: PageFlow,
  input: FormPdfInput,
  submittedOn: string | undefined,
  isDraft: boolean,
  t: Translate,
): void {
  flow.within(flow.struct('H1', flow.root), () => flow.paragraph(input.definition.title, TITLE));
  flow.space(8);
  const table = flow.struct('Table', flow.root);
  keyValue(flow, table, t('pdf.subject'), input.subject.displayName);
  keyValue(flow, table, t('pdf.reference'), input.subject.reference);
  if (isDraft) {
    keyValue(flow, table, t('pdf.status'), t('pdf.statusDraft'));
  } else {
    keyValue(flow, table, t('pdf.status'), t('pdf.statusSubmitted'));
    if (submittedOn) keyValue(flow, table, t('pdf.submittedOn'), submittedOn);
    if (input.submittedBy) {
      const { name, organisation, email } = input.submittedBy;
      keyValue(flow, table, t('pdf.submittedBy'), [name, organisation, email].filter((part) => part.trim() !== '').join('\n'));
    }
  }
  table.element.end();
  flow.space(10);
  flow.rule();
  flow.space(12);
}

/** A section (one page of the form, or the documents) with its heading; the caller ends it. */
function beginSection(flow: PageFlow, title: string): Tag {
  const section = flow.struct('Sect', flow.root);
  const lines = flow.wrap(title, PAGE_HEADING, flow.contentWidth);
  // Keep the heading with the start of what follows it.
  flow.ensure(lines.length * PAGE_HEADING.leading + 4 * BODY.leading);
  flow.within(flow.struct('H2', section), () => flow.drawLines(lines, flow.left, PAGE_HEADING));
  flow.space(6);
  return section;
}

function drawQuestions(flow: PageFlow, input: FormPdfInput, t: Translate): void {
  const { definition, prefill } = input;
  const visibility = computeVisibility(definition, input.answers);
  const answers = visibleAnswers(definition, input.answers);
  let pageIndex = -1;
  let section: Tag | null = null;
  for (const { question, pageIndex: index, page } of orderedQuestions(definition)) {
    if (index !== pageIndex) {
      if (section) section.element.end();
      if (pageIndex >= 0) flow.space(8);
      pageIndex = index;
      section = beginSection(flow, page.title);
    }
    if (visibility.get(question.id) !== true) continue;
    const value = question.type === 'readonly' ? ownValue(prefill, question.id) : answers[question.id];
    // A question and its answer as one division: the label as a heading, the answer after it.
    const pair = flow.struct('Div', section);
    drawQuestion(flow, pair, question, value, t);
    pair.element.end();
  }
  if (section) section.element.end();
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return typeof record === 'object' && record !== null && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

function drawQuestion(flow: PageFlow, pair: Tag, question: Question, value: unknown, t: Translate): void {
  const labelLines = flow.wrap(question.label, LABEL, flow.contentWidth);
  const labelHeight = labelLines.length * LABEL.leading + 3;
  const answerX = flow.left + ANSWER_INDENT;
  const answerWidth = flow.contentWidth - ANSWER_INDENT;
  const emptyText = question.type === 'readonly' ? t('pdf.notProvided') : t('pdf.notAnswered');
  const drawLabel = (): void => flow.within(flow.struct('H3', pair), () => flow.drawLines(labelLines, flow.left, LABEL));

  if (question.type === 'table') {
    const table = tableContent(question, value, t);
    if (table) {
      flow.ensure(labelHeight + tableStartHeight(flow, table, { width: answerWidth }));
      drawLabel();
      flow.space(3);
      drawTable(flow, table, { x: answerX, width: answerWidth, parent: pair });
      flow.space(10);
      return;
    }
    answerBlock(flow, pair, drawLabel, labelHeight, [emptyText], EMPTY, answerX);
    return;
  }

  const shown = isUnanswered(value) ? '' : displayAnswer(question, value);
  const text = typeof shown === 'string' ? shown : '';
  if (text.trim() === '') {
    answerBlock(flow, pair, drawLabel, labelHeight, [emptyText], EMPTY, answerX);
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
    drawLabel();
    flow.space(3);
    drawBulletList(flow, pair, lines, BODY);
    flow.space(10);
    return;
  }
  answerBlock(flow, pair, drawLabel, labelHeight, flow.wrap(text, BODY, answerWidth), BODY, answerX);
}

/**
 * Bullet lines as a list (L › LI › Lbl + LBody): a line that is a bullet starts an item; the
 * lines after it, up to the next bullet, are that item's body.
 */
function drawBulletList(flow: PageFlow, parent: Tag, lines: readonly { text: string; x: number }[], textStyle: TextStyle): void {
  const list = flow.struct('L', parent);
  let body: Tag | null = null;
  let item: Tag | null = null;
  const closeItem = (): void => {
    body?.element.end();
    item?.element.end();
    body = item = null;
  };
  for (const line of lines) {
    if (line.text === BULLET) {
      closeItem();
      item = flow.struct('LI', list);
      if (flow.y + textStyle.leading > flow.limit) flow.newPage();
      flow.within(flow.struct('Lbl', item), () => flow.drawLine(BULLET, line.x, flow.y, textStyle));
      body = flow.struct('LBody', item);
      continue;
    }
    const into = body ?? list;
    flow.within(into, () => flow.drawLines([line.text], line.x, textStyle), true);
  }
  closeItem();
  list.element.end();
}

/** The label and its answer lines, keeping the label with (up to) the first two lines. */
function answerBlock(
  flow: PageFlow,
  pair: Tag,
  drawLabel: () => void,
  labelHeight: number,
  lines: string[],
  textStyle: TextStyle,
  x: number,
): void {
  flow.ensure(labelHeight + Math.min(lines.length, 2) * textStyle.leading);
  drawLabel();
  flow.space(3);
  flow.within(flow.struct('P', pair), () => flow.drawLines(lines, x, textStyle));
  flow.space(10);
}

/** Display strings for a table answer, or null when it has no row with anything in it. */
function tableContent(question: TableQuestion, value: unknown, t: Translate) {
  const cells = displayAnswer(question, value);
  if (!Array.isArray(cells)) return null;
  const rows = cells.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) return null;
  return {
    caption: question.label,
    continuedCaption: t('pdf.continued', { caption: question.label }),
    headers: question.columns.map((column) => column.label),
    rows,
  };
}

function drawAttachments(flow: PageFlow, input: FormPdfInput, t: Translate): void {
  if (!input.definition.allowAttachments && input.attachments.length === 0) return;
  flow.space(8);
  const section = beginSection(flow, t('pdf.supportingDocuments'));
  if (input.attachments.length === 0) {
    flow.within(flow.struct('P', section), () => flow.drawLines([t('pdf.noDocuments')], flow.left + ANSWER_INDENT, EMPTY));
    section.element.end();
    return;
  }
  const bulletWidth = flow.width(`${BULLET}  `, BODY);
  const x = flow.left + ANSWER_INDENT;
  const lines: { text: string; x: number }[] = [];
  for (const attachment of input.attachments) {
    const text = `${attachment.filename} (${formatSize(attachment.size, t)})`;
    lines.push({ text: BULLET, x });
    for (const line of flow.wrap(text, BODY, flow.contentWidth - ANSWER_INDENT - bulletWidth))
      lines.push({ text: line, x: x + bulletWidth });
  }
  drawBulletList(flow, section, lines, BODY);
  section.element.end();
}

/** 512 bytes · 34 KB · 1.2 MB (binary units, as file managers show them). */
export function formatSize(bytes: number, t: Translate = translator('en')): string {
  if (!Number.isFinite(bytes) || bytes < 0) return t('size.unknown');
  if (bytes < 1024) return t('size.bytes', { n: Math.round(bytes) });
  if (bytes < 1024 * 1024) return t('size.kb', { n: Math.round(bytes / 1024) });
  return t('size.mb', { n: (bytes / (1024 * 1024)).toFixed(1) });
}
