import { Readable } from 'node:stream';
import { AuditEntry, AuditLog } from '../../audit';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { Delivery } from '../domain/delivery';
import { Submission } from '../domain/submission';
import { DeliverContribution } from './deliver-contribution';
import {
  CaseSystemGateway,
  ContributionFiles,
  ContributionPayload,
  DeliveryRepository,
  GatewayResult,
  SubmissionRepository,
} from './submission.ports';

const NOW = new Date('2026-11-28T10:00:00.000Z');

function setup(
  answer: GatewayResult | (() => Promise<GatewayResult>),
  files = new Map<string, Buffer>([
    ['pdf', Buffer.from('%PDF-1.7')],
    ['f1', Buffer.from('file')],
  ]),
) {
  const submission = Submission.record({
    id: 's1',
    taskId: 't1',
    externalRef: 'LCS-1',
    form: { key: 'education-advice', version: 1 },
    subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
    answers: { setting: 'Oakfield' },
    attachments: [{ fileId: 'f1', filename: 'a.pdf', contentType: 'application/pdf', size: 4, sha256: 'x' }],
    submittedBy: { accountId: 'a1', name: 'Sam', email: 'sam@x.example', organisation: 'Oakfield' },
    submittedAt: NOW,
    pdfFileId: 'pdf',
    pdfSha256: 'abc',
  });
  const delivery = Delivery.start('s1', NOW);
  delivery.attempts = 1; // claimed
  const sent: ContributionPayload[] = [];
  const audit: AuditEntry[] = [];
  const saved: Delivery[] = [];
  const useCase = new DeliverContribution(
    { run: (work) => work(), runStatements: (work) => work() } as UnitOfWork,
    { findById: async () => submission } as unknown as SubmissionRepository,
    {
      findForOutcome: async () => delivery,
      saveOutcome: async (d: Delivery) => void saved.push(d),
    } as unknown as DeliveryRepository,
    {
      open: async (id: string) => {
        const content = files.get(id);
        return content ? { size: content.length, content: Readable.from([content]) } : null;
      },
    } as unknown as ContributionFiles,
    {
      deliver: async (payload: ContributionPayload) => {
        sent.push(payload);
        return typeof answer === 'function' ? answer() : answer;
      },
    } as CaseSystemGateway,
    { record: async (e: AuditEntry) => void audit.push(e) } satisfies AuditLog,
    { now: () => NOW } as Clock,
    { deliveryRetryBaseMs: 1000 } as AppConfig,
  );
  return { useCase, delivery, sent, audit, submission, saved };
}

describe('DeliverContribution', () => {
  it('sends the snapshot with its files and PDF; accepted → delivered with the receipt, audited', async () => {
    const { useCase, delivery, sent, audit, saved } = setup({ kind: 'accepted', receiptId: 'R-1' });
    expect(await useCase.execute('s1')).toBe('accepted');
    expect(sent[0]).toMatchObject({
      submissionId: 's1',
      taskExternalRef: 'LCS-1',
      answers: { setting: 'Oakfield' },
      attachments: [{ filename: 'a.pdf', sha256: 'x', size: 4, file: { size: 4 } }],
      pdf: { sha256: 'abc', file: { size: 8 } },
    });
    // Opened, not read: the gateway streams them (and the use case releases them afterwards).
    expect(sent[0].pdf.file.content.destroyed).toBe(true);
    expect(delivery).toMatchObject({ status: 'delivered', receiptId: 'R-1', deliveredAt: NOW, leaseUntil: null });
    expect(saved).toEqual([delivery]);
    expect(audit).toEqual([expect.objectContaining({ action: 'task.delivered', taskId: 't1', actor: { type: 'system' } })]);
  });

  it('retryable → still pending, next attempt within the backoff; refused → failed with the error', async () => {
    const retry = setup({ kind: 'retryable', error: 'HTTP 503' });
    await retry.useCase.execute('s1');
    expect(retry.delivery).toMatchObject({ status: 'pending', lastError: 'HTTP 503' });
    expect(retry.delivery.nextAttemptAt.getTime() - NOW.getTime()).toBeLessThanOrEqual(1000);
    const refused = setup({ kind: 'refused', error: 'HTTP 400: bad' });
    await refused.useCase.execute('s1');
    expect(refused.delivery).toMatchObject({ status: 'failed', lastError: 'HTTP 400: bad' });
  });

  it('never undoes a delivery recorded meanwhile (another instance, after an expired lease)', async () => {
    const { useCase, delivery } = setup(async () => {
      delivery.record({ kind: 'accepted', receiptId: 'R-other' }, NOW, 1000, 0);
      return { kind: 'retryable', error: 'timed out' };
    });
    await useCase.execute('s1');
    expect(delivery).toMatchObject({ status: 'delivered', receiptId: 'R-other' });
  });

  it('a missing file is not waited for: failed for an admin to see, nothing sent', async () => {
    const { useCase, delivery, sent } = setup({ kind: 'accepted', receiptId: 'R-1' }, new Map([['pdf', Buffer.from('%PDF')]]));
    expect(await useCase.execute('s1')).toBe('refused');
    expect(sent).toHaveLength(0);
    expect(delivery).toMatchObject({ status: 'failed', lastError: 'not sent: file f1 is missing' });
  });
});
