import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import {
  computeVisibility,
  displayAnswer,
  isUnanswered,
  localizeDefinition,
  orderedQuestions,
  validateAnswers,
  type AnswerError,
  type Answers,
  type AnswerValue,
  type FormDefinition,
  type TableRow,
} from '@form-schema';
import { api, apiUrl, isApiError } from '../api';
import { useLanguage, useT } from '../i18n/language';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { problemText } from '../components/errors';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../components/Page';
import { ReassignDialog } from '../components/ReassignDialog';
import { DeclineDialog, MessagesSection, TaskNotices } from '../components/TaskConversation';
import { ReturnFromReviewDialog, ReviewBanner, SendForReviewDialog } from '../components/TaskReview';
import { AttachmentsSection } from '../form/Attachments';
import { useAutosave } from '../form/autosave';
import { SaveStatus } from '../form/SaveStatus';
import { SubmitConfirmation } from '../form/SubmitConfirmation';
import { SubmittedFiles } from '../form/SubmittedFiles';
import { errorTarget } from '../form/ids';
import { QuestionField } from '../form/questions';
import { COUNCIL_NAME, formatInstant } from '../format';
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
  const tr = useT();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [loadedTask, setTask] = useState<TaskDetail | null>(null);
  // The form's texts in the chosen language where the definition carries Welsh (English otherwise).
  const language = useLanguage();
  const task = useMemo(() => {
    if (!loadedTask) return null;
    const definition = localizeDefinition(loadedTask.definition, language);
    return { ...loadedTask, definition, title: definition === loadedTask.definition ? loadedTask.title : definition.title };
  }, [loadedTask, language]);
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
  const [saves, setSaves] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reviewing, setReviewing] = useState<null | 'send' | 'return'>(null);
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

  /**
   * Saves the draft if it changed (or always, for the Save button); resolves to the version to use
   * next. Errors are shown, then rethrown. A stale version is never overwritten: the server answers
   * 409 and the conflict banner explains.
   */
  const save = useCallback(async (force = false): Promise<number> => {
    if (!definition) return versionRef.current;
    if (savePromise.current) await savePromise.current.catch(() => undefined);
    if (!dirtyRef.current && !force) return versionRef.current;
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
        setSaves((n) => n + 1);
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
          setProblem([{ text: tr('task.notSaved', { problem: problemText(error) }) }]);
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

  // Unsaved changes save themselves after two minutes (moving between pages saves at once).
  useAutosave(dirty, saves, !!conflict || confirming, save);

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
    const removeGuard = addNavigationGuard(() => !dirtyRef.current || window.confirm(tr('task.leaveUnsaved')));
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

  usePageTitle(task ? task.title : tr('task.form'), summaryErrors.length > 0);

  const move = async (index: number, validate: boolean) => {
    setProblem([]);
    if (validate && definition && page && !onAttachmentsTab) {
      const pageErrors = validateAnswers(definition, answers, { mode: 'complete', pageId: page.id, language });
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

  /** The guide's Save: saves and stays on the form. */
  const saveAndStay = async () => {
    // Not `busy`: disabling the button would drop the keyboard focus that is on it. A second press
    // waits for the first save (save() queues behind it).
    setProblem([]);
    try {
      await save(true);
    } catch {
      // The summary or the conflict banner says why.
    }
  };

  const saveAndClose = async () => {
    setBusy(true);
    try {
      await save();
      setFlash(tr('task.savedFlash', { title: task?.title ?? tr('task.theForm') }), tr('task.savedHeading'));
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
    const formErrors = validateAnswers(definition, answers, { mode: 'complete', language }).filter((error) => error.pageId !== '');
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

  // One submission per confirmation, however fast Enter is pressed (the button may be pressed again
  // before React re-renders it away).
  const submitting = useRef(false);
  const submit = async () => {
    if (submitting.current) return;
    submitting.current = true;
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
      else if (!(isApiError(error) && error.status === 401) && !problem.length) setProblem([{ text: tr('task.notSubmitted', { problem: problemText(error) }) }]);
    } finally {
      submitting.current = false;
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

  if (load.kind === 'loading') return <Loading label={tr('task.loading')} />;
  if (load.kind === 'pickup') return <PickupRequired taskId={taskId} onPickedUp={() => void fetchTask()} />;
  if (load.kind === 'not-found') return <TaskNotFound />;
  if (load.kind === 'error' || !task || !definition) {
    return (
      <>
        <Heading>{tr('task.problemHeading')}</Heading>
        <p className="govuk-body">{load.kind === 'error' ? load.message : tr('task.couldNotLoad')}</p>
        <button type="button" className="govuk-button" onClick={() => void fetchTask()}>
          {tr('task.tryAgain')}
        </button>
      </>
    );
  }

  if (submitted) return <SubmittedPanel task={task} submitted={submitted} />;
  if (status === 'submitted') return <SubmittedView task={task} answers={answers} attachments={attachments} />;

  const pdfHref = apiUrl(`/tasks/${encodeURIComponent(taskId)}/pdf`);
  const subjectCaption = [task.subject?.displayName, task.subject?.reference && tr('task.reference', { reference: task.subject.reference })].filter(Boolean).join(' – ');

  const questions = (
    <div className="app-form-page">
      {page && (
        <>
          <h2 className={`${multiPage ? 'govuk-heading-l' : 'govuk-heading-m'} app-page-heading`} id="form-page-heading" tabIndex={-1}>
            {multiPage && <span className="govuk-caption-m">{tr('task.section', { n: pageIndex + 1, total: pages.length })}</span>}
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
        {tr('task.back')}
      </Link>
      {conflict && <ConflictBanner kind={conflict} onReload={() => void fetchTask()} />}
      <ErrorSummary errors={summaryErrors} focusKey={summaryFocusKey} />
      {flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
      <Heading caption={subjectCaption || undefined}>{task.title}</Heading>
      <dl className="govuk-summary-list govuk-summary-list--no-border app-task-facts">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{tr('dashboard.col.dueDate')}</dt>
          <dd className="govuk-summary-list__value">
            <DueDate task={task} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{tr('dashboard.col.status')}</dt>
          <dd className="govuk-summary-list__value">
            <StatusTag status={status} review={task.review} />
          </dd>
        </div>
        {task.workGroup && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{tr('task.workGroup')}</dt>
            <dd className="govuk-summary-list__value">{task.workGroup.name}</dd>
          </div>
        )}
      </dl>
      <TaskNotices notices={task.notices} />
      <ReviewBanner review={task.review} onReturn={() => setReviewing('return')} />
      {task.message && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{tr('task.message')}</h2>
          <p className="govuk-body app-pre-line">{task.message}</p>
        </div>
      )}
      <p className="govuk-body">
        {tr('task.requiredBefore')}
        <span className="app-required" aria-hidden="true">*</span>
        <span className="govuk-visually-hidden">{tr('task.asterisk')}</span>
        {tr('task.requiredAfter')}
      </p>

      {multiPage ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <nav className="app-side-nav" aria-label={tr('task.sections')}>
              <ol className="app-side-nav__list">
                {pages.map((p, index) => (
                  <li key={p.id} className={`app-side-nav__item${index === pageIndex ? ' app-side-nav__item--current' : ''}`}>
                    <button type="button" className="app-side-nav__link" aria-current={index === pageIndex ? 'step' : undefined} onClick={() => index !== pageIndex && void move(index, false)}>
                      {p.title}
                      {pageErrorIds.has(p.id) && <strong className="govuk-tag govuk-tag--red app-side-nav__tag">{tr('task.needsAnswers')}</strong>}
                    </button>
                  </li>
                ))}
                {attachmentsTab && (
                  <li className={`app-side-nav__item${onAttachmentsTab ? ' app-side-nav__item--current' : ''}`}>
                    <button type="button" className="app-side-nav__link" aria-current={onAttachmentsTab ? 'step' : undefined} onClick={() => !onAttachmentsTab && void move(pages.length, false)}>
                      {tr('task.attachTab')}
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
                  {tr('task.attachTab')}
                </h2>
                {attachmentsSection}
              </>
            ) : (
              questions
            )}
            <div className="govuk-button-group app-pager-buttons">
              {pageIndex > 0 && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void move(pageIndex - 1, false)}>
                  <span aria-hidden="true">‹ </span>
                  {tr('task.previous')}
                </button>
              )}
              {pageIndex < tabCount - 1 && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void move(pageIndex + 1, true)}>
                  {tr('task.next')}
                  <span aria-hidden="true"> ›</span>
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
        <SaveStatus dirty={dirty} savedAt={savedAt} saves={saves} />
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" disabled={busy || !!conflict} onClick={() => void trySubmit()}>
            {tr('task.submit')}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" disabled={!!conflict} onClick={() => void saveAndStay()}>
            {tr('task.save')}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" disabled={busy || !!conflict} onClick={() => void saveAndClose()}>
            {tr('task.saveAndClose')}
          </button>
        </div>
        <div className="govuk-button-group">
          <a className="govuk-link" href={pdfHref} download onClick={(event) => void downloadPdf(event)}>
            {tr('task.downloadPdf')}
            <span className="govuk-visually-hidden">{tr('task.ofThisForm')}</span>
          </a>
          <button type="button" className="app-link-button govuk-link" onClick={() => setReassigning(true)}>
            {tr('task.reassign')}
            <span className="govuk-visually-hidden">{tr('task.thisTask')}</span>
          </button>
          {task.workGroup && task.review?.state !== 'ready_for_review' && (
            <button type="button" className="app-link-button govuk-link" onClick={() => setReviewing('send')}>
              {tr('task.sendForReview')}
              <span className="govuk-visually-hidden">{tr('task.toColleague')}</span>
            </button>
          )}
          <button type="button" className="app-link-button govuk-link" onClick={() => setDeclining(true)}>
            {tr('task.decline')}
            <span className="govuk-visually-hidden">{tr('task.cannotComplete')}</span>
          </button>
        </div>
      </div>

      <MessagesSection taskId={taskId} canSend={!conflict} />

      {confirming && <SubmitConfirmation title={task.title} onConfirm={() => void submit()} onCancel={() => setConfirming(false)} />}
      {reviewing === 'send' && (
        <SendForReviewDialog
          task={task}
          beforeSend={() => save()}
          onClose={() => setReviewing(null)}
          onDone={(name) => {
            dirtyRef.current = false;
            setDirty(false);
            setReviewing(null);
            setFlash(tr('flash.sentForReview', { title: task.title, name }), tr('flash.sentForReviewHeading'));
            navigate('/', { force: true });
          }}
        />
      )}
      {reviewing === 'return' && (
        <ReturnFromReviewDialog
          taskId={taskId}
          beforeReturn={() => save()}
          onClose={() => setReviewing(null)}
          onDone={() => {
            dirtyRef.current = false;
            setDirty(false);
            setReviewing(null);
            setFlash(tr('flash.returnedToColleague', { title: task.title, name: task.review?.by.name ?? tr('review.yourColleague') }), tr('review.returned'));
            navigate('/', { force: true });
          }}
        />
      )}
      {declining && (
        <DeclineDialog
          taskId={taskId}
          title={task.title}
          onClose={() => setDeclining(false)}
          onDone={() => {
            dirtyRef.current = false;
            setDirty(false);
            setDeclining(false);
            setFlash(tr('flash.returnedToCouncil', { title: task.title }), tr('flash.formReturned'));
            navigate('/', { force: true });
          }}
        />
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
            setFlash(tr('flash.reassigned', { title: task.title, target }), tr('flash.reassignedHeading'));
            navigate('/', { force: true });
          }}
        />
      )}
    </>
  );
}

function ConflictBanner({ kind, onReload }: { kind: 'version' | 'submitted'; onReload: () => void }) {
  const tr = useT();
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={(element) => element?.focus()}>
      <h2 className="govuk-error-summary__title">{kind === 'version' ? tr('conflict.versionTitle') : tr('conflict.submittedTitle')}</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">
          {kind === 'version' ? tr('conflict.versionText') : tr('conflict.submittedText')}
        </p>
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={onReload}>
          {tr('conflict.reload')}
        </button>
      </div>
    </div>
  );
}

function SubmittedPanel({ task, submitted }: { task: TaskDetail; submitted: Submitted }) {
  const tr = useT();
  usePageTitle(tr('submitted.title'));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <Heading className="govuk-panel__title" focusKey="submitted">
            {tr('submitted.title')}
          </Heading>
          <div className="govuk-panel__body">
            {task.title}
            {task.subject?.reference && (
              <>
                <br />
                {tr('submitted.reference')} <strong>{task.subject.reference}</strong>
              </>
            )}
          </div>
        </div>
        <h2 className="govuk-heading-m">{tr('submitted.next')}</h2>
        <p className="govuk-body">
          {task.subject?.displayName
            ? tr('submitted.sentAbout', { name: task.subject.displayName, council: COUNCIL_NAME })
            : tr('submitted.sent', { council: COUNCIL_NAME })}
        </p>
        <p className="govuk-body">
          {tr('submitted.copyBefore', { date: formatInstant(submitted.availableUntil) })}
          <Link to="/?view=recently-submitted">{tr('dashboard.tab.recentlySubmitted')}</Link>
          {tr('submitted.copyAfter')}
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
            {tr('task.downloadPdf')}
            <span className="govuk-visually-hidden">{tr('submitted.ofYourContribution')}</span>
          </a>
        </p>
        <p className="govuk-body">
          <Link to="/">{tr('task.back')}</Link>
        </p>
      </div>
    </div>
  );
}

function SubmittedView({ task, answers, attachments }: { task: TaskDetail; answers: Answers; attachments: Attachment[] }) {
  const tr = useT();
  usePageTitle(task.title);
  const visibility = computeVisibility(task.definition, answers);
  return (
    <>
      <Link to="/" className="govuk-back-link">
        {tr('task.back')}
      </Link>
      <Heading caption={task.subject?.displayName}>{task.title}</Heading>
      <p className="govuk-body">
        <StatusTag status="submitted" /> {tr('submittedView.on', { date: formatInstant(task.submittedAt) })}
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
          {tr('task.downloadPdf')}
          <span className="govuk-visually-hidden">{tr('submitted.ofYourContribution')}</span>
        </a>
      </p>
      {task.definition.allowAttachments && <SubmittedFiles taskId={task.id} attachments={attachments} />}
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
                          tr('answers.none')
                        )
                      ) : (
                        shown || tr('answers.notAnswered')
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
  const tr = useT();
  usePageTitle(tr('pickup.title'));
  const [error, setError] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const pickup = async () => {
    try {
      await api.post(`/tasks/${encodeURIComponent(taskId)}/pickup`);
      onPickedUp();
    } catch (err) {
      setError(isApiError(err, 'already_picked_up') ? tr('pickup.taken') : problemText(err));
    }
  };
  return (
    <>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      <Heading>{tr('pickup.heading')}</Heading>
      <p className="govuk-body">{tr('pickup.text')}</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void pickup()}>
          {tr('dashboard.pickup')}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(true)}>
          {tr('decline.confirm')}
        </button>
        <Link to="/">{tr('task.back')}</Link>
      </div>
      {declining && (
        <DeclineDialog
          taskId={taskId}
          title={tr('pickup.thisForm')}
          onClose={() => setDeclining(false)}
          onDone={() => {
            setFlash(tr('flash.formReturnedText'), tr('flash.formReturned'));
            navigate('/', { force: true });
          }}
        />
      )}
    </>
  );
}

function TaskNotFound() {
  const tr = useT();
  usePageTitle(tr('notFound.title'));
  return (
    <>
      <Heading>{tr('notFound.title')}</Heading>
      <p className="govuk-body">{tr('notFound.text')}</p>
      <p className="govuk-body">
        <Link to="/">{tr('task.back')}</Link>
      </p>
    </>
  );
}
