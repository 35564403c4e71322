import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import {
  computeVisibility,
  displayAnswer,
  isUnanswered,
  orderedQuestions,
  validateAnswers,
  type AnswerError,
  type Answers,
  type AnswerValue,
  type FormDefinition,
  type TableRow,
} from '@form-schema';
import { api, apiUrl, isApiError } from '../api';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { problemText } from '../components/errors';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../components/Page';
import { Modal } from '../components/Modal';
import { ReassignDialog } from '../components/ReassignDialog';
import { AttachmentsSection } from '../form/Attachments';
import { errorTarget } from '../form/ids';
import { QuestionField } from '../form/questions';
import { COUNCIL_NAME, formatDateTime, formatInstant } from '../format';
import { addNavigationGuard, Link, navigate } from '../router';
import { registerDraftSaver } from '../session';
import type { Attachment, TaskDetail, TaskStatus } from '../types';
import { DueDate, StatusTag } from './Dashboard';

type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'pickup' } | { kind: 'not-found' } | { kind: 'error'; message: string };

interface Submitted {
  submittedAt: string;
  availableUntil: string;
}

/** The draft as sent to PUT /answers: every answer given (hidden ones too), never read-only prefill or blanks. */
function draftPayload(definition: FormDefinition, answers: Answers): Answers {
  const readonly = new Set(orderedQuestions(definition).filter((q) => q.question.type === 'readonly').map((q) => q.question.id));
  const payload: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    if (readonly.has(key) || isUnanswered(value)) continue;
    payload[key] = value;
  }
  return payload;
}

/** A required table, or one with a minimum, starts with the rows it needs so there is somewhere to type. */
function initialAnswers(definition: FormDefinition, answers: Answers | null): Answers {
  const result: Answers = { ...(answers ?? {}) };
  for (const { question } of orderedQuestions(definition)) {
    if (question.type !== 'table') continue;
    const rows = result[question.id];
    if (Array.isArray(rows) && rows.length) continue;
    const needed = Math.max(question.minRows ?? 0, question.required ? 1 : 0);
    if (needed > 0) {
      result[question.id] = Array.from({ length: needed }, () => Object.fromEntries(question.columns.map((c) => [c.id, null])) as TableRow);
    }
  }
  return result;
}

export function TaskPage({ taskId }: { taskId: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<TaskStatus>('open');
  const [dirty, setDirty] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  const [errors, setErrors] = useState<AnswerError[]>([]);
  const [scope, setScope] = useState<'page' | 'form'>('page');
  const [problem, setProblem] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState<null | 'version' | 'submitted'>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [flash] = useState(takeFlash);
  const [pageFocus, setPageFocus] = useState(0);

  const answersRef = useRef(answers);
  answersRef.current = answers;
  const versionRef = useRef(version);
  versionRef.current = version;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const editCount = useRef(0);
  const savePromise = useRef<Promise<number> | null>(null);

  const definition = task?.definition;
  const pages = definition?.pages ?? [];
  const multiPage = pages.length > 1;
  const attachmentsAllowed = !!definition?.allowAttachments;
  const attachmentsTab = multiPage && attachmentsAllowed;
  const tabCount = pages.length + (attachmentsTab ? 1 : 0);
  const onAttachmentsTab = attachmentsTab && pageIndex === pages.length;
  const page = pages[pageIndex];

  // Only the latest load applies: an earlier one answering late (React's StrictMode runs the effect
  // twice in development) must not replace answers typed since.
  const loadSeq = useRef(0);
  const fetchTask = useCallback(async () => {
    const seq = ++loadSeq.current;
    setLoad({ kind: 'loading' });
    try {
      const detail = await api.get<TaskDetail>(`/tasks/${encodeURIComponent(taskId)}`);
      if (seq !== loadSeq.current) return;
      setTask(detail);
      setAnswers(initialAnswers(detail.definition, detail.answers));
      setAttachments(detail.attachments ?? []);
      setVersion(detail.version ?? 0);
      setStatus(detail.status ?? 'open');
      setDirty(false);
      setConflict(null);
      setErrors([]);
      setProblem([]);
      setPageIndex(0);
      setLoad({ kind: 'ready' });
    } catch (error) {
      if (seq !== loadSeq.current) return;
      if (isApiError(error, 'pickup_required')) setLoad({ kind: 'pickup' });
      else if (isApiError(error) && error.status === 404) setLoad({ kind: 'not-found' });
      else setLoad({ kind: 'error', message: problemText(error) });
    }
  }, [taskId]);

  useEffect(() => {
    void fetchTask();
  }, [fetchTask]);

  const visibility = useMemo(() => (definition ? computeVisibility(definition, answers) : new Map<string, boolean>()), [definition, answers]);

  /** Saves the draft if it changed; resolves to the version to use next. Errors are shown, then rethrown. */
  const save = useCallback(async (): Promise<number> => {
    if (!definition) return versionRef.current;
    if (savePromise.current) await savePromise.current.catch(() => undefined);
    if (!dirtyRef.current) return versionRef.current;
    const editsAtStart = editCount.current;
    const run = (async () => {
      try {
        const result = await api.put<{ version: number; savedAt: string; status: TaskStatus }>(`/tasks/${encodeURIComponent(taskId)}/answers`, {
          version: versionRef.current,
          answers: draftPayload(definition, answersRef.current),
        });
        versionRef.current = result.version;
        setVersion(result.version);
        setStatus(result.status);
        setSavedAt(result.savedAt);
        if (editCount.current === editsAtStart) {
          dirtyRef.current = false;
          setDirty(false);
        }
        return result.version;
      } catch (error) {
        if (isApiError(error, 'version_conflict')) setConflict('version');
        else if (isApiError(error, 'task_submitted')) setConflict('submitted');
        else if (isApiError(error) && error.errors.length && error.errors[0]?.questionId !== undefined) {
          setErrors(error.errors as AnswerError[]);
          setScope('form');
          setProblem([]);
        } else if (!(isApiError(error) && error.status === 401)) {
          setProblem([{ text: `Your answers could not be saved. ${problemText(error)}` }]);
        }
        throw error;
      }
    })();
    savePromise.current = run;
    try {
      return await run;
    } finally {
      savePromise.current = null;
    }
  }, [definition, taskId]);

  // A timeout or sign-out saves the draft first.
  useEffect(() => registerDraftSaver(async () => {
    if (dirtyRef.current) await save();
  }), [save]);

  // Leaving with unsaved answers: the browser asks, and so does the app.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = addNavigationGuard(() => !dirtyRef.current || window.confirm('You have answers that are not saved. Leave this form without saving them?'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty]);

  const setAnswer = (questionIdValue: string, value: AnswerValue) => {
    editCount.current += 1;
    dirtyRef.current = true;
    setDirty(true);
    setSavedAt(null);
    setAnswers((current) => ({ ...current, [questionIdValue]: value }));
  };

  const tableRows = (qid: string): number | null => {
    const question = definition?.pages.flatMap((p) => p.questions).find((q) => q.id === qid);
    if (question?.type !== 'table') return null;
    const rows = answers[qid];
    return Array.isArray(rows) ? rows.length : 0;
  };
  const firstColumn = (qid: string): string | undefined => {
    const question = definition?.pages.flatMap((p) => p.questions).find((q) => q.id === qid);
    return question?.type === 'table' ? question.columns[0]?.id : undefined;
  };

  const goTo = (index: number) => {
    setPageIndex(index);
    setPageFocus((n) => n + 1);
  };

  // Only a move the person asked for (Next, Previous, the section list) focuses the new section's
  // heading; a page change caused by errors leaves focus on the error summary or the field.
  useEffect(() => {
    if (!pageFocus) return;
    const heading = document.getElementById('form-page-heading');
    heading?.focus({ preventScroll: true });
    document.getElementById('form-top')?.scrollIntoView({ block: 'start' });
  }, [pageFocus]);

  const pageIndexOf = (pageId: string) => Math.max(0, pages.findIndex((p) => p.id === pageId));

  const summaryErrors: SummaryError[] = [
    ...problem,
    ...errors
      .filter((error) => error.pageId !== '' && (scope === 'form' || error.pageId === page?.id || onAttachmentsTab))
      .map((error) => ({
        href: errorTarget(error, tableRows, firstColumn),
        text: multiPage && scope === 'form' ? `${error.message} (${pages[pageIndexOf(error.pageId)]?.title ?? ''})` : error.message,
        beforeFocus: () => {
          const target = pageIndexOf(error.pageId);
          if (target !== pageIndex) setPageIndex(target);
        },
      })),
  ];

  // The summary is rebuilt on every render; it takes focus only when errors are shown anew.
  const summaryFocusKey = useMemo(() => ({}), [errors, problem]);

  usePageTitle(task ? task.title : 'Form', summaryErrors.length > 0);

  const move = async (index: number, validate: boolean) => {
    setProblem([]);
    if (validate && definition && page && !onAttachmentsTab) {
      const pageErrors = validateAnswers(definition, answers, { mode: 'complete', pageId: page.id });
      try {
        setBusy(true);
        await save();
      } catch {
        setBusy(false);
        return;
      }
      setBusy(false);
      if (pageErrors.length) {
        setScope('page');
        setErrors(pageErrors);
        return;
      }
    } else {
      try {
        setBusy(true);
        await save();
      } catch {
        setBusy(false);
        return;
      } finally {
        setBusy(false);
      }
    }
    setErrors((current) => current.filter((error) => error.pageId !== page?.id));
    goTo(index);
  };

  const saveAndClose = async () => {
    setBusy(true);
    try {
      await save();
      setFlash(`Your answers to "${task?.title ?? 'the form'}" have been saved. You can come back to it at any time from Tasks to complete.`, 'Your answers have been saved');
      navigate('/', { force: true });
    } catch {
      setBusy(false);
    }
  };

  const showFormErrors = (list: AnswerError[]) => {
    setScope('form');
    setErrors(list);
    const first = list.find((error) => error.pageId !== '');
    if (first) {
      const target = pageIndexOf(first.pageId);
      setPageIndex(target);
    }
  };

  const trySubmit = async () => {
    if (!definition) return;
    setProblem([]);
    const formErrors = validateAnswers(definition, answers, { mode: 'complete' }).filter((error) => error.pageId !== '');
    if (formErrors.length) {
      try {
        await save();
      } catch {
        // The summary already says why.
      }
      showFormErrors(formErrors);
      return;
    }
    setErrors([]);
    setConfirming(true);
  };

  const submit = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const nextVersion = await save();
      const result = await api.post<Submitted>(`/tasks/${encodeURIComponent(taskId)}/submit`, { version: nextVersion });
      setSubmitted(result);
      setStatus('submitted');
      setErrors([]);
    } catch (error) {
      if (isApiError(error, 'validation_failed')) showFormErrors(error.errors as AnswerError[]);
      else if (isApiError(error, 'version_conflict')) setConflict('version');
      else if (isApiError(error, 'already_submitted')) setConflict('submitted');
      else if (!(isApiError(error) && error.status === 401) && !problem.length) setProblem([{ text: `Your contribution has not been submitted. ${problemText(error)}` }]);
    } finally {
      setBusy(false);
    }
  };

  const downloadPdf = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!dirtyRef.current) return;
    // The PDF shows the saved draft: save first so it matches the screen.
    event.preventDefault();
    const href = event.currentTarget.href;
    try {
      await save();
      window.location.assign(href);
    } catch {
      // The summary says why.
    }
  };

  if (load.kind === 'loading') return <Loading label="Loading the form" />;
  if (load.kind === 'pickup') return <PickupRequired taskId={taskId} onPickedUp={() => void fetchTask()} />;
  if (load.kind === 'not-found') return <TaskNotFound />;
  if (load.kind === 'error' || !task || !definition) {
    return (
      <>
        <Heading>Sorry, there is a problem</Heading>
        <p className="govuk-body">{load.kind === 'error' ? load.message : 'The form could not be loaded.'}</p>
        <button type="button" className="govuk-button" onClick={() => void fetchTask()}>
          Try again
        </button>
      </>
    );
  }

  if (submitted) return <SubmittedPanel task={task} submitted={submitted} />;
  if (status === 'submitted') return <SubmittedView task={task} answers={answers} />;

  const pdfHref = apiUrl(`/tasks/${encodeURIComponent(taskId)}/pdf`);
  const subjectCaption = [task.subject?.displayName, task.subject?.reference && `Reference ${task.subject.reference}`].filter(Boolean).join(' – ');

  const questions = (
    <div className="app-form-page">
      {page && (
        <>
          <h2 className={`${multiPage ? 'govuk-heading-l' : 'govuk-heading-m'} app-page-heading`} id="form-page-heading" tabIndex={-1}>
            {multiPage && <span className="govuk-caption-m">Section {pageIndex + 1} of {pages.length}</span>}
            {page.title}
          </h2>
          {page.questions.map((question) =>
            visibility.get(question.id) ? (
              <QuestionField
                key={question.id}
                question={question}
                value={answers[question.id]}
                prefill={task.prefill?.[question.id]}
                errors={errors.filter((error) => error.questionId === question.id)}
                onChange={(value) => setAnswer(question.id, value)}
              />
            ) : null,
          )}
        </>
      )}
    </div>
  );

  const attachmentsSection = attachmentsAllowed && (
    <AttachmentsSection taskId={taskId} attachments={attachments} onChange={setAttachments} />
  );

  const pageErrorIds = new Set(errors.map((error) => error.pageId));

  return (
    <>
      <div id="form-top" />
      <Link to="/" className="govuk-back-link">
        Back to your tasks
      </Link>
      {conflict && <ConflictBanner kind={conflict} onReload={() => void fetchTask()} />}
      <ErrorSummary errors={summaryErrors} focusKey={summaryFocusKey} />
      {flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
      <Heading caption={subjectCaption || undefined}>{task.title}</Heading>
      <dl className="govuk-summary-list govuk-summary-list--no-border app-task-facts">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Due date</dt>
          <dd className="govuk-summary-list__value">
            <DueDate task={task} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <StatusTag status={status} />
          </dd>
        </div>
        {task.workGroup && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Work Group</dt>
            <dd className="govuk-summary-list__value">{task.workGroup.name}</dd>
          </div>
        )}
      </dl>
      {task.message && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Message from the case worker</h2>
          <p className="govuk-body app-pre-line">{task.message}</p>
        </div>
      )}
      <p className="govuk-body">
        Questions marked with <span className="app-required" aria-hidden="true">*</span>
        <span className="govuk-visually-hidden">an asterisk</span> must be answered before you can submit. Save your answers regularly.
      </p>

      {multiPage ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <nav className="app-side-nav" aria-label="Form sections">
              <ol className="app-side-nav__list">
                {pages.map((p, index) => (
                  <li key={p.id} className={`app-side-nav__item${index === pageIndex ? ' app-side-nav__item--current' : ''}`}>
                    <button type="button" className="app-side-nav__link" aria-current={index === pageIndex ? 'step' : undefined} onClick={() => index !== pageIndex && void move(index, false)}>
                      {p.title}
                      {pageErrorIds.has(p.id) && <strong className="govuk-tag govuk-tag--red app-side-nav__tag">Needs answers</strong>}
                    </button>
                  </li>
                ))}
                {attachmentsTab && (
                  <li className={`app-side-nav__item${onAttachmentsTab ? ' app-side-nav__item--current' : ''}`}>
                    <button type="button" className="app-side-nav__link" aria-current={onAttachmentsTab ? 'step' : undefined} onClick={() => !onAttachmentsTab && void move(pages.length, false)}>
                      Attach supporting documents
                      {attachments.length > 0 && <span className="app-side-nav__count"> ({attachments.length})</span>}
                    </button>
                  </li>
                )}
              </ol>
            </nav>
          </div>
          <div className="govuk-grid-column-three-quarters">
            {onAttachmentsTab ? (
              <>
                <h2 className="govuk-visually-hidden" id="form-page-heading" tabIndex={-1}>
                  Attach supporting documents
                </h2>
                {attachmentsSection}
              </>
            ) : (
              questions
            )}
            <div className="govuk-button-group app-pager-buttons">
              {pageIndex > 0 && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void move(pageIndex - 1, false)}>
                  <span aria-hidden="true">‹ </span>Previous
                </button>
              )}
              {pageIndex < tabCount - 1 && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void move(pageIndex + 1, true)}>
                  Next<span aria-hidden="true"> ›</span>
                </button>
              )}
            </div>
          </div>
        </div>
      ) : (
        <>
          {questions}
          {attachmentsSection}
        </>
      )}

      <div className="app-form-actions">
        <p className="govuk-body app-save-status" role="status" aria-live="polite">
          {dirty ? 'You have changes that are not saved.' : savedAt ? `Saved at ${formatDateTime(savedAt).split(' at ')[1]}.` : ''}
        </p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" disabled={busy || !!conflict} onClick={() => void trySubmit()}>
            Submit Contribution
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" disabled={busy || !!conflict} onClick={() => void saveAndClose()}>
            Save and Close
          </button>
        </div>
        <div className="govuk-button-group">
          <a className="govuk-link" href={pdfHref} download onClick={(event) => void downloadPdf(event)}>
            Download PDF<span className="govuk-visually-hidden"> of this form</span>
          </a>
          <button type="button" className="app-link-button govuk-link" onClick={() => setReassigning(true)}>
            Re-Assign<span className="govuk-visually-hidden"> this task</span>
          </button>
        </div>
      </div>

      {confirming && (
        <Modal title="Submit Contribution" onClose={() => setConfirming(false)} role="alertdialog">
          <p className="govuk-body">Are you sure you want to submit this contribution? You will not be able to change it afterwards.</p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" onClick={() => void submit()}>
              Yes
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)} autoFocus>
              No
            </button>
          </div>
        </Modal>
      )}
      {reassigning && (
        <ReassignDialog
          task={task}
          beforeReassign={() => save()}
          onClose={() => setReassigning(false)}
          onDone={(target) => {
            dirtyRef.current = false;
            setDirty(false);
            setReassigning(false);
            setFlash(`"${task.title}" has been re-assigned to ${target}.`, 'Task re-assigned');
            navigate('/', { force: true });
          }}
        />
      )}
    </>
  );
}

function ConflictBanner({ kind, onReload }: { kind: 'version' | 'submitted'; onReload: () => void }) {
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={(element) => element?.focus()}>
      <h2 className="govuk-error-summary__title">{kind === 'version' ? 'This form has been changed somewhere else' : 'This form has already been submitted'}</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">
          {kind === 'version'
            ? 'Someone saved this form after you opened it, perhaps you in another browser tab. Your latest changes have not been saved. Reload the form to see the saved answers, then make your changes again.'
            : 'This form was submitted, so it can no longer be changed. Reload it to see what was submitted.'}
        </p>
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={onReload}>
          Reload the form
        </button>
      </div>
    </div>
  );
}

function SubmittedPanel({ task, submitted }: { task: TaskDetail; submitted: Submitted }) {
  usePageTitle('Contribution submitted');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <Heading className="govuk-panel__title" focusKey="submitted">
            Contribution submitted
          </Heading>
          <div className="govuk-panel__body">
            {task.title}
            {task.subject?.reference && (
              <>
                <br />
                Reference <strong>{task.subject.reference}</strong>
              </>
            )}
          </div>
        </div>
        <p className="govuk-body">We have sent your contribution to {COUNCIL_NAME}. The case worker will contact you if they need anything else.</p>
        <p className="govuk-body">
          You can download a copy until {formatInstant(submitted.availableUntil)} from <Link to="/?view=recently-submitted">Recently submitted tasks</Link>.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
            Download PDF<span className="govuk-visually-hidden"> of your contribution</span>
          </a>
        </p>
        <p className="govuk-body">
          <Link to="/">Back to your tasks</Link>
        </p>
      </div>
    </div>
  );
}

function SubmittedView({ task, answers }: { task: TaskDetail; answers: Answers }) {
  usePageTitle(task.title);
  const visibility = computeVisibility(task.definition, answers);
  return (
    <>
      <Link to="/" className="govuk-back-link">
        Back to your tasks
      </Link>
      <Heading caption={task.subject?.displayName}>{task.title}</Heading>
      <p className="govuk-body">
        <StatusTag status="submitted" /> You submitted this form on {formatInstant(task.submittedAt)}. It can no longer be changed.
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
          Download PDF<span className="govuk-visually-hidden"> of your contribution</span>
        </a>
      </p>
      {task.definition.pages.map((page) => (
        <section key={page.id}>
          <h2 className="govuk-heading-m">{page.title}</h2>
          <dl className="govuk-summary-list">
            {page.questions
              .filter((question) => visibility.get(question.id))
              .map((question) => {
                const shown = displayAnswer(question, question.type === 'readonly' ? task.prefill?.[question.id] : answers[question.id]);
                return (
                  <div className="govuk-summary-list__row" key={question.id}>
                    <dt className="govuk-summary-list__key">{question.label}</dt>
                    <dd className="govuk-summary-list__value app-pre-line">
                      {Array.isArray(shown) ? (
                        shown.length ? (
                          <ol className="govuk-list">
                            {shown.map((row, index) => (
                              <li key={index}>{row.filter(Boolean).join(' – ')}</li>
                            ))}
                          </ol>
                        ) : (
                          'None'
                        )
                      ) : (
                        shown || 'Not answered'
                      )}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </>
  );
}

function PickupRequired({ taskId, onPickedUp }: { taskId: string; onPickedUp: () => void }) {
  usePageTitle('Pick up this task');
  const [error, setError] = useState<string | null>(null);
  const pickup = async () => {
    try {
      await api.post(`/tasks/${encodeURIComponent(taskId)}/pickup`);
      onPickedUp();
    } catch (err) {
      setError(isApiError(err, 'already_picked_up') ? 'Someone else has already picked up this task.' : problemText(err));
    }
  };
  return (
    <>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      <Heading>This task is with your Work Group</Heading>
      <p className="govuk-body">To open the form, pick up the task. It will then be assigned to you and leave the Work Group's list.</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void pickup()}>
          Pickup
        </button>
        <Link to="/">Back to your tasks</Link>
      </div>
    </>
  );
}

function TaskNotFound() {
  usePageTitle('Task not found');
  return (
    <>
      <Heading>Task not found</Heading>
      <p className="govuk-body">This task is not available to you. The council may have withdrawn it, or it may have been re-assigned to someone else.</p>
      <p className="govuk-body">
        <Link to="/">Back to your tasks</Link>
      </p>
    </>
  );
}
