import type { AnswerError } from '@form-schema';

/** Ids safe to use in HTML and CSS selectors, derived from question and column ids. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function questionId(prefix: string, qid: string): string {
  return `${prefix}q-${safe(qid)}`;
}

export function cellId(prefix: string, qid: string, row: number, columnId: string): string {
  return `${prefix}q-${safe(qid)}-r${row}-${safe(columnId)}`;
}

export function addRowId(prefix: string, qid: string): string {
  return `${prefix}q-${safe(qid)}-add`;
}

/** Where an error link takes the person: the cell, the question's first input, or the Add row button. */
export function errorTarget(error: AnswerError, tableRows: (qid: string) => number | null, firstColumn: (qid: string) => string | undefined): string {
  if (error.row !== undefined && error.columnId) return cellId('', error.questionId, error.row, error.columnId);
  const rows = tableRows(error.questionId);
  if (rows !== null) {
    const column = firstColumn(error.questionId);
    if (error.row !== undefined && column) return cellId('', error.questionId, error.row, column);
    return rows > 0 && column ? cellId('', error.questionId, 0, column) : addRowId('', error.questionId);
  }
  return questionId('', error.questionId);
}
