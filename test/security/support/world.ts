import request from 'supertest';
import { API, login, PASSWORD, PortalClient, register, registerAndLogin, registrationBody } from '../../support/portal-client';
import { INTEGRATION_KEY, TestApp } from '../../support/test-app';
import { registerAdminHere, sql } from '../../support/sql';
import { pdf } from '../../support/sample-files';
import { delegate, delegationBody, publishSampleForms, settleMail, upload } from '../../support/task-fixtures';

/**
 * Who calls. `member` belongs to the work group that holds `groupTask` and has not picked it up;
 * `owner` is the individual assignee of `ownerTask`; `stranger` is a professional with nothing to do
 * with either; `admin` is council staff; `integration` is the case system with its key and no cookies.
 */
export const ACTORS = ['anonymous', 'stranger', 'member', 'owner', 'admin', 'integration'] as const;
export type Actor = (typeof ACTORS)[number];
export type SessionActor = 'stranger' | 'member' | 'owner' | 'admin';

/** What a request carries. Sent as explicit headers: no cookie jar, so a response's Set-Cookie never leaks into the next call. */
export interface Credentials {
  /** `csrfHeader` overrides the X-CSRF-Token sent on writes (null: none); by default the session's own. */
  session?: { token: string; csrf: string; csrfHeader?: string | null };
  bearer?: string;
}

export const EMAILS = {
  owner: 'owner@school.example',
  stranger: 'stranger@elsewhere.example',
  member: 'member@trust.example',
  admin: 'helpdesk@council.example',
  /** Target of admin account changes and work-group membership changes. */
  bystander: 'bystander@school.example',
  /** Logs in and out through the matrix (its sessions are expendable). */
  signin: 'signin@school.example',
  /** Completes password resets (which end all of its sessions). */
  resetter: 'resetter@school.example',
} as const;

export const GROUP_KEY = 'trust-safeguarding';
export const MADE_UP_ID = '01900000-0000-7000-8000-000000000000';

/** Answers that complete the education-advice form, so the owner can really submit. */
export const COMPLETE_ANSWERS = {
  setting: 'Oakfield Primary',
  startedAtSetting: '2021-09-01',
  keyStage: 'ks2',
  attendanceLevel: 'good',
  areasOfNeed: ['cognition'],
  strengths: 'Reading and drawing',
  support: [{ provision: 'Teaching assistant', hoursPerWeek: '5' }],
};

/**
 * The fixtures the authorization matrix and the hostile-input suite share: real accounts signed in
 * through the real login, real tasks delegated by the integration API, a real work group, a real
 * attachment, a real failed delivery.
 */
export class World {
  clients!: Record<SessionActor, PortalClient>;
  accountIds!: Record<keyof typeof EMAILS, string>;
  group!: { id: string; key: string };
  /** Delegated to the owner, saved once, one attachment. */
  ownerTask!: Record<string, any>;
  ownerAttachmentId!: string;
  /** Held by the work group (not picked up) with one attachment on it (the member picked it up, attached, and passed it back). */
  groupTask!: Record<string, any>;
  groupAttachmentId!: string;
  /** A delivery the case system refused for good. */
  failedDeliveryId?: string;
  private counter = 0;
  private resetter: string = EMAILS.resetter;
  private resets = 0;

  constructor(readonly t: TestApp) {}

  static async build(t: TestApp, options: { failedDelivery?: boolean } = {}): Promise<World> {
    const w = new World(t);
    await publishSampleForms(t);
    const admin = await registerAdminHere(t, EMAILS.admin);
    const owner = await registerAndLogin(t, EMAILS.owner);
    const stranger = await registerAndLogin(t, EMAILS.stranger);
    const member = await registerAndLogin(t, EMAILS.member);
    w.clients = { admin, owner, stranger, member };
    const bystander = await register(t, EMAILS.bystander);
    const signin = await register(t, EMAILS.signin);
    const resetter = await register(t, EMAILS.resetter);
    w.accountIds = {
      admin: admin.accountId,
      owner: owner.accountId,
      stranger: stranger.accountId,
      member: member.accountId,
      bystander,
      signin,
      resetter,
    };

    w.group = (
      await admin.post('/admin/work-groups', { key: GROUP_KEY, name: 'Trust safeguarding', organisation: 'Trust' }).expect(201)
    ).body;
    await admin.post(`/admin/work-groups/${w.group.id}/members`, { email: EMAILS.member }).expect(204);

    w.ownerTask = await delegate(t, delegationBody(EMAILS.owner));
    await owner.put(`/tasks/${w.ownerTask.id}/answers`, { version: 1, answers: { setting: 'Oakfield' } }).expect(200);
    w.ownerAttachmentId = (await upload(owner.agent, owner.csrf, w.ownerTask.id, pdf(), 'plan.pdf').expect(201)).body.id;

    w.groupTask = await w.freshGroupTask();
    await member.post(`/tasks/${w.groupTask.id}/pickup`).expect(200);
    w.groupAttachmentId = (await upload(member.agent, member.csrf, w.groupTask.id, pdf(), 'notes.pdf').expect(201)).body.id;
    await member.post(`/tasks/${w.groupTask.id}/reassign`, { to: { workGroupId: w.group.id } }).expect(200);

    if (options.failedDelivery) w.failedDeliveryId = await w.makeFailedDelivery();
    await settleMail(t, 200);
    return w;
  }

  credentials(actor: Actor): Credentials {
    if (actor === 'anonymous') return {};
    if (actor === 'integration') return { bearer: INTEGRATION_KEY };
    const c = this.clients[actor];
    return { session: { token: c.sessionToken, csrf: c.csrf } };
  }

  unique(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${process.pid}-${this.counter}`;
  }

  /** A task delegated to the owner, saved with every answer the form needs (ready to submit). */
  async freshCompleteOwnerTask(): Promise<Record<string, any>> {
    const task = await delegate(this.t, delegationBody(EMAILS.owner));
    const saved = await this.clients.owner
      .put(`/tasks/${task.id}/answers`, { version: task.version, answers: COMPLETE_ANSWERS })
      .expect(200);
    return { ...task, version: saved.body.version };
  }

  async freshOwnerTask(): Promise<Record<string, any>> {
    return delegate(this.t, delegationBody(EMAILS.owner));
  }

  async freshGroupTask(): Promise<Record<string, any>> {
    return delegate(this.t, delegationBody('nobody@x.example', { assignee: { workGroupKey: GROUP_KEY } }));
  }

  async freshOwnerAttachment(): Promise<string> {
    const owner = this.clients.owner;
    return (await upload(owner.agent, owner.csrf, this.ownerTask.id, pdf(), this.unique('extra') + '.pdf').expect(201)).body.id;
  }

  async currentVersion(taskId: string): Promise<number> {
    return (await sql<{ version: number }>(this.t, 'SELECT version FROM tasks WHERE id = ?', [taskId]))[0].version;
  }

  /** An empty work group (deletable). */
  async freshWorkGroup(): Promise<{ id: string; key: string }> {
    const key = this.unique('wg');
    return (await this.clients.admin.post('/admin/work-groups', { key, name: key, organisation: 'Somewhere' }).expect(201)).body;
  }

  async freshRegistration(): Promise<{ registrationId: string; code: string }> {
    const email = `${this.unique('reg')}@school.example`;
    const since = this.t.mail.mark();
    const started = await request(this.t.url).post(`${API}/registrations`).send(registrationBody(email)).expect(202);
    return { registrationId: started.body.registrationId, code: await this.t.mail.codeFor(email, since) };
  }

  async freshLoginChallenge(email: string = EMAILS.signin): Promise<{ challengeId: string; code: string }> {
    const since = this.t.mail.mark();
    const started = await request(this.t.url).post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(202);
    return { challengeId: started.body.challengeId, code: await this.t.mail.codeFor(email, since) };
  }

  /**
   * A reset with its emailed code. At most 5 reset emails an hour go to one account, 2 of them for
   * requests from one address (all of these come from loopback): spread them over a few accounts.
   */
  async freshReset(): Promise<{ resetId: string; code: string }> {
    if (this.resets >= 2) {
      this.resetter = `${this.unique('resetter')}@school.example`;
      await register(this.t, this.resetter);
      this.resets = 0;
    }
    this.resets += 1;
    const email = this.resetter;
    const since = this.t.mail.mark();
    const started = await request(this.t.url).post(`${API}/password-resets`).send({ email }).expect(202);
    return { resetId: started.body.resetId, code: await this.t.mail.codeFor(email, since) };
  }

  async freshVerifiedReset(): Promise<{ resetId: string; resetToken: string }> {
    const { resetId, code } = await this.freshReset();
    const verified = await request(this.t.url).post(`${API}/password-resets/${resetId}/verify`).send({ code }).expect(200);
    return { resetId, resetToken: verified.body.resetToken };
  }

  /** A second session for a session actor (logout ends the one it is sent with). */
  async freshSession(actor: SessionActor): Promise<Credentials> {
    const c = await login(this.t, this.clients[actor].email);
    return { session: { token: c.sessionToken, csrf: c.csrf } };
  }

  /** Submits a complete task while the case system refuses it permanently (a 4xx), and waits for the failure. */
  async makeFailedDelivery(): Promise<string> {
    const task = await this.freshCompleteOwnerTask();
    this.t.stub.setFault({ kind: 'status', status: 422, body: '{"error":"rejected"}' });
    try {
      const receipt = await this.clients.owner.post(`/tasks/${task.id}/submit`, { version: task.version }).expect(202);
      const id = receipt.body.submissionId as string;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const failed = await this.clients.admin.get('/admin/deliveries?status=failed').expect(200);
        if (failed.body.items.some((d: { submissionId: string }) => d.submissionId === id)) return id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the delivery never failed');
    } finally {
      this.t.stub.setFault(null);
    }
  }
}

/**
 * A checksum of every table's content (sessions without their last-seen time, which every
 * authenticated request moves). Equal before and after means nothing was written.
 */
export async function databaseFingerprint(t: TestApp): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>(
    t,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'mikro_orm_migrations' ORDER BY table_name",
  );
  const volatile: Record<string, string[]> = { sessions: ['last_seen_at'] };
  const result: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const drop = (volatile[table] ?? []).map((c) => ` - '${c}'`).join('');
    const [row] = await sql<{ n: number; digest: string }>(
      t,
      `SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(x)${drop})::text, '|' ORDER BY (to_jsonb(x)${drop})::text), '')) AS digest FROM "${table}" x`,
    );
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}
