import { useEffect, useRef, useState } from 'react';
import type { AnswerError, TableQuestion, TableRow } from '@form-schema';
import { useT, type T } from '../i18n/language';
import { describedBy, ErrorMessage } from '../components/fields';
import { Modal } from '../components/Modal';
import { addRowId, cellId, questionId } from './ids';
import { useOverflowing } from './overflow';
import { CellControl, RequiredMark } from './questions';

interface Props {
  question: TableQuestion;
  rows: TableRow[];
  errors: AnswerError[];
  onChange: (rows: TableRow[]) => void;
  disabled?: boolean;
  idPrefix?: string;
}

function emptyRow(question: TableQuestion): TableRow {
  const row: TableRow = {};
  for (const column of question.columns) row[column.id] = null;
  return row;
}

function rowLimitsText(question: TableQuestion, t: T): string {
  const { minRows, maxRows } = question;
  if (minRows && maxRows) return t('table.between', { min: minRows, max: maxRows });
  if (minRows) return t(minRows === 1 ? 'table.atLeast.one' : 'table.atLeast', { min: minRows });
  if (maxRows) return t(maxRows === 1 ? 'table.upTo.one' : 'table.upTo', { max: maxRows });
  return '';
}

/** The rows themselves: typed cells, − Remove row, + Add row. Used inline and in the Full Screen view. */
function TableEditor({
  question,
  rows,
  errors,
  onChange,
  disabled,
  idPrefix = '',
  describedById,
}: Props & { describedById?: string }) {
  const t = useT();
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    document.getElementById(focusAfter)?.focus();
    setFocusAfter(null);
  }, [focusAfter, rows.length]);

  const { ref: scrollRef, overflowing } = useOverflowing<HTMLDivElement>(rows.length);
  const cueId = `${questionId(idPrefix, question.id)}-scroll-cue`;
  const minRows = question.minRows ?? 0;
  const canAdd = question.maxRows === undefined || rows.length < question.maxRows;
  const canRemove = rows.length > minRows;
  const firstColumn = question.columns[0]?.id ?? '';

  const update = (rowIndex: number, columnId: string, value: string | string[]) => {
    onChange(rows.map((row, index) => (index === rowIndex ? { ...row, [columnId]: value } : row)));
  };
  const add = () => {
    onChange([...rows, emptyRow(question)]);
    setFocusAfter(cellId(idPrefix, question.id, rows.length, firstColumn));
  };
  const remove = (rowIndex: number) => {
    const next = rows.filter((_, index) => index !== rowIndex);
    onChange(next);
    const target =
      next.length === 0
        ? addRowId(idPrefix, question.id)
        : `${questionId(idPrefix, question.id)}-remove-${Math.min(rowIndex, next.length - 1)}`;
    setFocusAfter(target);
  };

  return (
    <>
      {rows.length > 0 ? (
        <>
          {overflowing && (
            <p className="govuk-body-s app-scroll-cue" id={cueId}>
              <span aria-hidden="true">⇆ </span>
              {t('table.wide')}
            </p>
          )}
          <div
            ref={scrollRef}
            className={`app-table-scroll${overflowing ? ' app-table-scroll--overflowing' : ''}`}
            role="region"
            aria-label={t('table.regionLabel', { label: question.label })}
            aria-describedby={overflowing ? cueId : undefined}
            tabIndex={0}
          >
            <table className="govuk-table app-input-table" aria-describedby={describedById}>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header app-input-table__rownum">
                    {t('table.row')}
                  </th>
                  {question.columns.map((column) => (
                    <th scope="col" className="govuk-table__header" key={column.id}>
                      {column.label}
                      <RequiredMark required={column.required} />
                      {column.hint && (
                        <span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 app-column-hint">
                          {column.hint}
                        </span>
                      )}
                    </th>
                  ))}
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">{t('table.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {rows.map((row, rowIndex) => (
                  <tr className="govuk-table__row" key={rowIndex}>
                    <th scope="row" className="govuk-table__header app-input-table__rownum">
                      <span className="app-input-table__stacked-only">{t('table.row')} </span>
                      {rowIndex + 1}
                    </th>
                    {question.columns.map((column) => {
                      const id = cellId(idPrefix, question.id, rowIndex, column.id);
                      const cellErrors = errors.filter(
                        (error) =>
                          error.row === rowIndex &&
                          (error.columnId === column.id || (!error.columnId && column.id === firstColumn)),
                      );
                      const errorId = cellErrors.length ? `${id}-error` : undefined;
                      return (
                        <td
                          className={`govuk-table__cell app-input-table__cell app-input-table__cell--${column.type}${cellErrors.length ? ' app-input-table__cell--error' : ''}`}
                          key={column.id}
                        >
                          {/* The column's heading, shown in each cell where the table stacks (narrow columns); the control has its own label. */}
                          <span className="app-input-table__cell-label app-input-table__stacked-only" aria-hidden="true">
                            {column.label}
                            {column.required && <span className="app-required"> *</span>}
                          </span>
                          {errorId && (
                            <ErrorMessage id={errorId}>
                              {cellErrors.map((error) => cellMessage(error.message)).join('. ')}
                            </ErrorMessage>
                          )}
                          <CellControl
                            id={id}
                            column={column}
                            row={rowIndex}
                            value={row[column.id]}
                            error={cellErrors.length > 0}
                            errorId={errorId}
                            disabled={disabled}
                            onChange={(value) => update(rowIndex, column.id, value)}
                          />
                        </td>
                      );
                    })}
                    <td className="govuk-table__cell app-input-table__actions">
                      {canRemove && !disabled && (
                        <button
                          type="button"
                          id={`${questionId(idPrefix, question.id)}-remove-${rowIndex}`}
                          className="govuk-button govuk-button--warning govuk-!-margin-bottom-0 app-row-button"
                          onClick={() => remove(rowIndex)}
                        >
                          <span aria-hidden="true">− </span>
                          {t('table.remove')}
                          <span className="govuk-visually-hidden">{t('table.removeRow', { row: rowIndex + 1 })}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="govuk-body app-empty">No rows added yet.</p>
      )}
      {!disabled && (
        <button
          type="button"
          id={addRowId(idPrefix, question.id)}
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2 app-row-button"
          onClick={add}
          disabled={!canAdd}
          aria-disabled={!canAdd || undefined}
        >
          <span aria-hidden="true">+ </span>
          {t('table.addRow')}
          <span className="govuk-visually-hidden">{t('table.addRowTo', { label: question.label })}</span>
        </button>
      )}
      {!canAdd && <p className="govuk-body-s">{t('table.full')}</p>}
    </>
  );
}

export function TableField(props: Props) {
  const t = useT();
  const { question, errors, idPrefix = '' } = props;
  const [fullScreen, setFullScreen] = useState(false);
  const fullScreenButton = useRef<HTMLButtonElement>(null);
  const id = questionId(idPrefix, question.id);
  const hintText = [question.hint, rowLimitsText(question, t)].filter(Boolean).join(' ');
  const hintId = hintText ? `${id}-hint` : undefined;
  const ownErrors = errors.filter((error) => error.row === undefined);
  const errorId = ownErrors.length ? `${id}-error` : undefined;
  const rowErrors = errors.filter((error) => error.row !== undefined);
  const rowErrorsId = rowErrors.length ? `${id}-row-errors` : undefined;

  return (
    <div className={`govuk-form-group app-question app-table-question${errors.length ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s" id={`${id}-legend`}>
          {question.label}
          <RequiredMark required={question.required} />
        </legend>
        {hintText && (
          <div id={hintId} className="govuk-hint">
            {hintText}
          </div>
        )}
        {ownErrors.length > 0 && errorId && (
          <ErrorMessage id={errorId}>{ownErrors.map((e) => e.message).join('. ')}</ErrorMessage>
        )}
        {rowErrors.length > 0 && (
          <p id={rowErrorsId} className="govuk-error-message">
            <span className="govuk-visually-hidden">{t('page.errorPrefix')}</span>
            {t('table.rowsNeedChanges')}
          </p>
        )}
        {!fullScreen && <TableEditor {...props} describedById={`${id}-legend`} />}
        {fullScreen && <p className="govuk-body">{t('table.openFullScreen')}</p>}
        <button
          type="button"
          ref={fullScreenButton}
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-row-button app-fullscreen-button"
          onClick={() => setFullScreen(true)}
        >
          {t('table.fullScreen')}
          <span className="govuk-visually-hidden">{t('table.fullScreenOf', { label: question.label })}</span>
        </button>
      </fieldset>
      {fullScreen && (
        <Modal title={question.label} onClose={() => setFullScreen(false)} fullScreen>
          {hintText && <p className="govuk-hint">{hintText}</p>}
          <TableEditor {...props} />
          <div className="govuk-button-group app-fullscreen-actions">
            <button type="button" className="govuk-button" onClick={() => setFullScreen(false)}>
              {t('table.exitFullScreen')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

/** "Support in place: enter the date in row 1" → "Enter the date in row 1" (the table is already named). */
function cellMessage(message: string): string {
  const text = message.replace(/^[^:]*:\s*/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
