import { createHash } from 'node:crypto';
import request from 'supertest';
import { API, integration, PortalClient } from '../../support/portal-client';
import { TestApp } from '../../support/test-app';
import { docx, pdf, png } from '../../support/sample-files';
import { delegate, delegationBody, healthDelegationBody, upload } from '../../support/task-fixtures';

export type Answers = Record<string, unknown>;

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A complete education advice contribution from a SENCo. `absenceReasons` is an answer to a question
 * hidden by showIf (attendance is not "poor"): it stays in the draft, but never leaves the portal.
 */
export function educationAnswers(): Answers {
  return {
    childName: null, // read-only: the case system's prefill; "no answer" is all a client may send
    setting: 'Oakfield Primary School',
    startedAtSetting: '2021-09-01',
    keyStage: 'ks2',
    attendanceLevel: 'concern',
    absenceReasons: 'Left over from when attendance was marked poor',
    exclusions: [{ date: '2026-03-04', days: '2', kind: 'suspension' }],
    areasOfNeed: ['communication', 'semh'],
    strengths: 'Reads fluently and loves drawing; kind to younger pupils at break times.',
    support: [
      { provision: 'Speech and language therapy', hoursPerWeek: '1', startDate: '2025-01-06', impact: 'some' },
      { provision: 'Small-group literacy', hoursPerWeek: '3', impact: 'high' },
    ],
    outcomes: 'Reads independently at age-related expectations by the end of Year 5.',
  };
}

/** What the case system must receive for `educationAnswers()`: no hidden answer, no read-only prefill. */
export function educationDelivered(): Answers {
  const { childName: _c, absenceReasons: _a, ...rest } = educationAnswers();
  return rest;
}

export function healthAnswers(): Answers {
  return {
    role: 'health-visitor',
    lastSeen: '2026-10-05',
    concerns: 'yes',
    concernDetails: 'Missed two immunisation appointments; growth below the expected centile.',
    appointments: [
      { date: '2026-03-14', service: 'Immunisation clinic' },
      { date: '2026-06-02', service: 'Community paediatrics' },
    ],
  };
}

export interface ReadyTask {
  id: string;
  externalRef: string;
  version: number;
  attachments: { id: string; filename: string; sha256: string; size: number; content: Buffer }[];
}

/** Delegates an education advice task to the professional, saves complete answers and attaches two files. */
export async function readyEducationTask(
  t: TestApp,
  pro: PortalClient,
  options: { files?: boolean; body?: Record<string, unknown> } = {},
): Promise<ReadyTask> {
  const task = await delegate(t, delegationBody(pro.email, options.body ?? {}));
  const saved = await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: educationAnswers() }).expect(200);
  const attachments: ReadyTask['attachments'] = [];
  if (options.files !== false) {
    for (const [filename, content] of [
      ['annual-review.pdf', pdf()],
      ['support-plan.docx', docx()],
    ] as const) {
      const r = await upload(pro.agent, pro.csrf, task.id, content, filename).expect(201);
      attachments.push({ id: r.body.id, filename: r.body.filename, sha256: r.body.sha256, size: r.body.size, content });
    }
  }
  return { id: task.id, externalRef: task.externalRef, version: saved.body.version, attachments };
}

export async function readyHealthTask(t: TestApp, pro: PortalClient): Promise<ReadyTask> {
  const task = await delegate(t, healthDelegationBody(pro.email));
  const saved = await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: healthAnswers() }).expect(200);
  return { id: task.id, externalRef: task.externalRef, version: saved.body.version, attachments: [] };
}

export const extraFiles = { png };

/** Collects a binary response body as a Buffer (supertest parser). */
export function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export async function downloadPdf(pro: PortalClient, taskId: string, status = 200): Promise<request.Response> {
  return pro.get(`/tasks/${taskId}/pdf`).buffer(true).parse(binary).expect(status);
}

/** The PDF's text layer as the case system indexes it (pdftotext -layout's lines, read with pdfjs-dist). */
export { pdfText } from '../../support/pdf-text';

/** Lines with runs of blanks reduced to one: robust against column layout. */
export function flat(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface DeliveryState {
  submissionId: string | null;
  delivery: { status: string; attempts: number; receiptId: string | null; lastError: string | null } | null;
}

export async function deliveryOf(t: TestApp, externalRef: string): Promise<DeliveryState> {
  const r = await integration(t)
    .get(`/integration/tasks/${encodeURIComponent(externalRef)}`)
    .expect(200);
  return { submissionId: r.body.submissionId, delivery: r.body.delivery };
}

export async function waitForDelivery(
  t: TestApp,
  externalRef: string,
  status = 'delivered',
  timeoutMs = 15_000,
): Promise<DeliveryState> {
  return waitFor(
    `delivery of ${externalRef} to be ${status}`,
    async () => {
      const state = await deliveryOf(t, externalRef);
      return state.delivery?.status === status ? state : undefined;
    },
    timeoutMs,
  );
}

export function submit(pro: PortalClient, task: { id: string; version: number }) {
  return pro.post(`/tasks/${task.id}/submit`, { version: task.version });
}

export { API };
