import { TaskMessages } from '../../tasks/application/task-messages.port';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { createHash } from 'node:crypto';
import { educationAdvice, educationAnswers } from '../../../libs/form-schema/test-fixtures/sample-forms';
import { AuditEntry, AuditLog } from '../../audit';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { FormPdfRenderer, FormPdfRequest } from '../../forms/application/form-pdf-renderer';
import { PublishedForm } from '../../forms/domain/published-form';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DomainError } from '../../shared/errors/domain-error';
import { TaskAccess } from '../../tasks/application/task-access';
import { TaskContributionsForSubmissions } from '../../tasks/application/task-contributions-for-submissions';
import { AttachmentRepository, TaskRepository } from '../../tasks/application/task.ports';
import { Attachment } from '../../tasks/domain/attachment';
import { Assignee, Task } from '../../tasks/domain/task';
import { Delivery } from '../domain/delivery';
import { Submission } from '../domain/submission';
import { pdfFilename } from './download-task-pdf';
import { SubmitContribution } from './submit-contribution';
import { ContributionFiles, DeliveryRepository, SubmissionRepository } from './submission.ports';
import { Notifier } from '../../notifications/application/notifier';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const SAM = { accountId: 'acc-sam', name: 'Sam Taylor', email: 'sam@school.example', organisation: 'Oakfield Primary School' };

function newTask(assignee: Assignee = { kind: 'account', accountId: SAM.accountId }): Task {
  return Task.delegate({
    id: 'task-1',
    externalRef: 'LCS-1',
    requestHash: 'h',
    form: { key: educationAdvice.key, version: educationAdvice.version, title: educationAdvice.title },
    subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
    prefill: { childName: 'Alex Smith', dateOfBirth: '2015-03-02', caseWorker: 'Jo Bloggs' },
    assignee,
    dueDate: '2026-12-18',
    message: 'Please include attendance.',
    now: new Date('2026-11-01T09:00:00.000Z'),
  });
}

/** A complete draft, plus an answer to a question hidden by showIf (attendance is not "poor"). */
function completeDraft(task: Task) {
  task.saveAnswers(educationAdvice, { ...educationAnswers(), absenceReasons: 'stale hidden answer' }, task.version, NOW);
}

function setup(task: Task) {
  const files = new Map<string, Buffer>();
  const submissions: Submission[] = [];
  const deliveries: Delivery[] = [];
  const audit: AuditEntry[] = [];
  const renders: FormPdfRequest[] = [];
  const order: string[] = [];
  const mails: { to: string; template: string; receipt: unknown }[] = [];
  const attachment = Attachment.create({
    id: 'att-1',
    taskId: task.id,
    fileId: 'file-att-1',
    filename: 'annual-review.pdf',
    contentType: 'application/pdf',
    size: 1234,
    sha256: 'ab'.repeat(32),
    uploadedBy: SAM.accountId,
    uploadedAt: NOW,
  });
  const forms = { get: async () => PublishedForm.publish(educationAdvice, NOW) } as unknown as FormCatalogue;
  // Tasks' real side of the port, over stubbed persistence: the aggregate's own rules decide.
  const contributions = new TaskContributionsForSubmissions(
    {
      load: async (accountId: string) => {
        task.assertContentVisibleTo({ accountId, workGroupIds: ['grp-1'] });
        return task;
      },
    } as unknown as TaskAccess,
    {} as TaskRepository,
    { listForTask: async () => [attachment] } as unknown as AttachmentRepository,
    forms,
    { deleteForTask: async () => 0 } as unknown as TaskMessages,
  );
  const useCase = new SubmitContribution(
    { run: (work) => work() } as UnitOfWork,
    contributions,
    forms,
    {
      store: async (id: string, content: Buffer) => {
        files.set(id, content);
      },
    } as unknown as ContributionFiles,
    {
      render: async (request: FormPdfRequest) => {
        renders.push(request);
        return Buffer.from(`%PDF-1.7 ${request.status} ${renders.length}`);
      },
    } as FormPdfRenderer,
    {
      add: (s: Submission) => {
        order.push('submission');
        submissions.push(s);
      },
      flush: async () => {
        order.push('flush');
      },
    } as unknown as SubmissionRepository,
    {
      add: (d: Delivery) => {
        order.push('delivery');
        deliveries.push(d);
      },
    } as unknown as DeliveryRepository,
    { record: async (entry: AuditEntry) => void audit.push(entry) } satisfies AuditLog,
    { taskEvent: async () => null } as unknown as CaseSystemOutbox,
    { now: () => NOW } as Clock,
    {
      sendIn: async (_language: string, to: string, template: string, ...receipt: string[]) => void mails.push({ to, template, receipt }),
    } as unknown as Notifier,
  );
  return { useCase, files, submissions, deliveries, audit, renders, order, mails };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('SubmitContribution', () => {
  it('draws the PDF before the transaction, and again inside when the locked task no longer holds what it was drawn from', async () => {
    const task = newTask();
    completeDraft(task);
    const { useCase, files, submissions, renders } = setup(task);
    // What was read before the transaction differs from what the lock then finds (a file renamed meanwhile).
    const tasks = (useCase as unknown as { tasks: { read: (a: string, t: string) => Promise<{ attachments: { filename: string }[] }> } }).tasks;
    const read = tasks.read.bind(tasks);
    tasks.read = async (accountId, taskId) => {
      const seen = await read(accountId, taskId);
      return { ...seen, attachments: seen.attachments.map((a) => ({ ...a, filename: 'old-name.pdf' })) };
    };

    await useCase.execute(SAM, task.id, { version: task.version });

    expect(renders.map((r) => r.attachments.map((a) => a.filename))).toEqual([['old-name.pdf'], ['annual-review.pdf']]);
    expect(files.get(submissions[0].pdfFileId!)?.toString()).toBe('%PDF-1.7 submitted 2');
  });

  it('snapshots visible answers without the prefill, the files, the submitter; stores the PDF once with its sha256; queues the delivery', async () => {
    const task = newTask();
    completeDraft(task);
    const { useCase, files, submissions, deliveries, audit, renders, order } = setup(task);

    const receipt = await useCase.execute(SAM, task.id, { version: task.version });

    expect(task).toMatchObject({ status: 'submitted', submittedAt: NOW });
    expect(receipt).toEqual({
      submissionId: submissions[0].id,
      submittedAt: NOW.toISOString(),
      availableUntil: '2026-12-28T10:00:00.000Z',
    });
    const [s] = submissions;
    expect(s.answers).toEqual(educationAnswers()); // no absenceReasons (hidden), no childName (read-only)
    expect(s).toMatchObject({
      taskId: task.id,
      externalRef: 'LCS-1',
      formKey: 'education-advice',
      formVersion: 1,
      subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
      submittedBy: SAM,
      submittedAt: NOW,
      attachments: [
        {
          fileId: 'file-att-1',
          filename: 'annual-review.pdf',
          contentType: 'application/pdf',
          size: 1234,
          sha256: 'ab'.repeat(32),
        },
      ],
    });
    expect(renders).toHaveLength(1);
    expect(renders[0]).toMatchObject({
      status: 'submitted',
      submittedAt: NOW,
      generatedAt: NOW,
      submittedBy: { name: 'Sam Taylor', organisation: 'Oakfield Primary School', email: 'sam@school.example' },
      prefill: { childName: 'Alex Smith' },
      attachments: [{ filename: 'annual-review.pdf', size: 1234, contentType: 'application/pdf' }],
    });
    const pdf = files.get(s.pdfFileId!)!;
    expect(s.pdfSha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(deliveries).toEqual([
      expect.objectContaining({ submissionId: s.id, status: 'pending', attempts: 0, nextAttemptAt: NOW }),
    ]);
    // The delivery row references the submission: the submission is written first.
    expect(order).toEqual(['submission', 'flush', 'delivery']);
    expect(audit).toEqual([
      expect.objectContaining({ actor: { type: 'account', id: SAM.accountId }, action: 'task.submitted', taskId: task.id }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('Oakfield');
  });

  it('an incomplete form: 422 validation_failed with every error in form order; nothing stored', async () => {
    const task = newTask();
    task.saveAnswers(educationAdvice, { setting: 'Oakfield', attendanceLevel: 'poor' }, 1, NOW);
    const { useCase, files, submissions, deliveries, renders } = setup(task);
    let error: DomainError | undefined;
    await useCase.execute(SAM, task.id, { version: task.version }).catch((e: DomainError) => (error = e));
    expect(error?.code).toBe('validation_failed');
    expect(error?.kind).toBe('invalid');
    const ids = (error?.options.errors as { questionId: string }[]).map((e) => e.questionId);
    expect(ids).toEqual(['startedAtSetting', 'keyStage', 'absenceReasons', 'areasOfNeed', 'strengths', 'support']);
    expect(task.status).toBe('in_progress');
    expect([files.size, submissions.length, deliveries.length, renders.length]).toEqual([0, 0, 0, 0]);
  });

  it('submitted: already_submitted, even with a stale version; a stale version before that: version_conflict', async () => {
    const task = newTask();
    completeDraft(task);
    const { useCase } = setup(task);
    expect(await codeOf(useCase.execute(SAM, task.id, { version: task.version - 1 }))).toBe('version_conflict');
    await useCase.execute(SAM, task.id, { version: task.version });
    expect(await codeOf(useCase.execute(SAM, task.id, { version: task.version }))).toBe('already_submitted');
    expect(await codeOf(useCase.execute(SAM, task.id, { version: 1 }))).toBe('already_submitted');
  });

  it('only the individual assignee: anyone else 404, a member of the holding group 403 pickup_required', async () => {
    const mine = newTask();
    completeDraft(mine);
    expect(
      await codeOf(setup(mine).useCase.execute({ ...SAM, accountId: 'acc-other' }, mine.id, { version: mine.version })),
    ).toBe('not_found');
    const groups = newTask({ kind: 'work_group', workGroupId: 'grp-1' });
    expect(await codeOf(setup(groups).useCase.execute(SAM, groups.id, { version: groups.version }))).toBe('pickup_required');
    // The aggregate checks it too, whatever the caller did.
    expect(() => groups.submit(educationAdvice, SAM.accountId, groups.version, NOW)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    const withdrawn = newTask();
    withdrawn.withdraw(NOW);
    expect(() => withdrawn.submit(educationAdvice, SAM.accountId, withdrawn.version, NOW)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('Task.forgetContent', () => {
  it('clears answers, prefill, the note and the name of a submitted or withdrawn task; never of an active one', () => {
    const task = newTask();
    completeDraft(task);
    expect(() => task.forgetContent(NOW)).toThrow();
    task.submit(educationAdvice, SAM.accountId, task.version, NOW);
    const version = task.version;
    expect(task.forgetContent(NOW)).toBe(true);
    expect(task).toMatchObject({
      answers: {},
      prefill: {},
      message: null,
      subjectDisplayName: null,
      status: 'submitted',
      version,
    });
    expect(task.forgetContent(NOW)).toBe(false);
  });
});

describe('Submission', () => {
  const submission = () =>
    Submission.record({
      id: 's1',
      taskId: 't1',
      externalRef: 'LCS-1',
      form: { key: 'education-advice', version: 1 },
      subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
      answers: { setting: 'Oakfield' },
      attachments: [{ fileId: 'f1', filename: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: 'x' }],
      submittedBy: SAM,
      submittedAt: NOW,
      pdfFileId: 'pdf1',
      pdfSha256: 'y',
    });

  it('is downloadable for 30 days, to the millisecond', () => {
    const s = submission();
    expect(s.isAvailable(new Date(NOW.getTime() + 30 * 86_400_000 - 1))).toBe(true);
    expect(s.isAvailable(new Date(NOW.getTime() + 30 * 86_400_000))).toBe(false);
  });

  it('purging forgets the content and personal details, returns every file to delete, keeps the fact', () => {
    const s = submission();
    expect(s.purge(NOW)).toEqual(['f1', 'pdf1']);
    expect(s).toMatchObject({
      answers: null,
      attachments: [],
      pdfFileId: null,
      subject: { reference: 'LCS-123456', displayName: '' },
      submittedBy: { accountId: SAM.accountId, name: '', email: '', organisation: '' },
      purgedAt: NOW,
      pdfSha256: 'y',
    });
    expect(s.isAvailable(NOW)).toBe(false);
  });
});

describe('pdfFilename', () => {
  it('names the form and the case reference, safely, never the child', () => {
    expect(pdfFilename('education-advice', 'LCS-123456', 'draft')).toBe('education-advice-LCS-123456-draft.pdf');
    expect(pdfFilename('health', 'A/B "x"\\..\u00e9', 'submitted-2026-11-28')).toBe('health-A-B-x-submitted-2026-11-28.pdf');
  });
});
