/**
 * The benchmark's baseline: a minimal, hand-written Fastify + `pg` server answering the portal's list
 * and detail endpoints with the same SQL, the same session check (sha256 of the cookie token, one
 * indexed lookup joined to the account, idle/absolute/ended/disabled checks, the activity write at
 * most once a minute) and the same JSON shape. No framework, no ORM, no DI, no validation pipes, no
 * logging: what a careful engineer would write by hand for these four routes. The portal is measured
 * against it (ratio portal/baseline per endpoint). Like the portal, it prepares each statement once
 * per connection (a stable name per statement text), so the two send the same SQL the same way and
 * the ratio is the cost of the portal's own code; BASELINE_PREPARED=false sends them unnamed.
 *
 * Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 10), PORTAL_TIMEZONE (default Europe/London).
 */
import { createHash } from 'node:crypto';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, types } from 'pg';
// The wording of a case-system change on the task page: the portal's own domain function (plain TypeScript).
import { ChangedField, describeChange } from '../../src/tasks/domain/case-system-change';

// Calendar dates stay text (as the portal reads them): no time zone can shift them.
types.setTypeParser(1082, (v) => v);

const IDLE_MS = 30 * 60_000;
const ACTIVITY_WRITE_MS = 60_000;
const RETENTION_MS = 30 * 86_400_000;
const TZ = process.env.PORTAL_TIMEZONE ?? 'Europe/London';
// The portal's pool: DATABASE_POOL_SIZE connections (10 unless set), idle ones closed after 30 s.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), idleTimeoutMillis: 30_000 });
const PREPARED = process.env.BASELINE_PREPARED !== 'false';
const names = new Map<string, string>();

/** `pool.query`, with the statement prepared once per connection under a name derived from its text. */
function query(text: string, values: unknown[]) {
  let name = names.get(text);
  if (!name) names.set(text, (name = `b_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`));
  return pool.query(PREPARED ? { name, text, values } : { text, values });
}
const todayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

interface Principal {
  accountId: string;
}

function problem(reply: FastifyReply, status: number, code: string, title: string) {
  return reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, code });
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

const SESSION_SQL = `
  SELECT s.id, s.last_seen_at, s.absolute_expires_at, s.ended_at, a.id AS account_id, a.disabled
    FROM sessions s JOIN accounts a ON a.id = s.account_id
   WHERE s.token_hash = $1`;

async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
  const token = cookie(request.headers.cookie, 'portal_session');
  if (!token || token.length > 100) {
    problem(reply, 401, 'unauthenticated', 'Sign in to continue');
    return null;
  }
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await query(SESSION_SQL, [hash]);
  const s = rows[0];
  const now = new Date();
  if (!s || s.ended_at || s.disabled) {
    problem(reply, 401, 'unauthenticated', 'Sign in to continue');
    return null;
  }
  if (now >= s.absolute_expires_at || now.getTime() - s.last_seen_at.getTime() >= IDLE_MS) {
    await query('UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [s.id, now]);
    problem(reply, 401, 'session_expired', 'Your session has expired');
    return null;
  }
  if (now.getTime() - s.last_seen_at.getTime() >= ACTIVITY_WRITE_MS) {
    await query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [s.id, now]);
  }
  return { accountId: s.account_id };
}

// The same statements as the portal's SqlTaskReadModel (a page cut from tasks, then joined to accounts;
// work-group lists merge a page per group).
const TASK_COLUMNS = `t.id, t.external_ref, t.form_key, t.form_version, t.form_title, t.subject_reference, t.subject_display_name,
  t.message, t.status, t.assignee_kind, t.assignee_account_id, t.assignee_email, t.holder_work_group_id,
  t.work_group_id, t.due_date, t.delegated_at, t.updated_at, t.submitted_at, t.version`;
const ORDER = 'ORDER BY t.due_date ASC, t.id ASC';
// The names shown with a task (assignee, holding group, the group it came through), joined in the same statement.
const NAMES = 'a.first_name, a.last_name, a.email AS account_email, hg.name AS holder_group_name, wg.key AS group_key, wg.name AS group_name';
const JOIN_NAMES = `LEFT JOIN accounts a ON a.id = t.assignee_account_id
  LEFT JOIN work_groups hg ON hg.id = t.holder_work_group_id LEFT JOIN work_groups wg ON wg.id = t.work_group_id`;
const withNames = (pageSql: string) => `SELECT t.*, ${NAMES} FROM (${pageSql}) t ${JOIN_NAMES} ${ORDER}`;
// The member's groups (a listed member, account not disabled) found inside the page's statement.
const perGroup = (column: string, where: string, memberParam: string, limitParam: string) =>
  `SELECT t.* FROM (SELECT m.work_group_id FROM work_group_members m JOIN accounts a ON a.id = m.account_id
                     WHERE m.account_id = ${memberParam} AND NOT a.disabled) AS g(id)
     CROSS JOIN LATERAL (SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${column} = g.id AND ${where} ${ORDER} LIMIT ${limitParam}) t
   ${ORDER} LIMIT ${limitParam}`;
const TO_COMPLETE_SQL = withNames(
  `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.assignee_account_id = $1 AND t.status IN ('open', 'in_progress') ${ORDER} LIMIT $2`,
);
const WORK_GROUPS_SQL = withNames(perGroup('t.holder_work_group_id', "t.status IN ('open', 'in_progress')", '$1', '$2'));
const GROUP_MEMBERS_SQL = withNames(
  perGroup(
    't.work_group_id',
    `t.assignee_kind = 'account' AND t.assignee_account_id <> $1
     AND EXISTS (SELECT 1 FROM work_group_members m WHERE m.work_group_id = t.work_group_id AND m.account_id = t.assignee_account_id OFFSET 0)
     AND t.status IN ('open', 'in_progress')`,
    '$1',
    '$2',
  ),
);
const COLUMNS = `${TASK_COLUMNS}, ${NAMES}`;
const FROM = `FROM tasks t ${JOIN_NAMES}`;
// The task page in one statement, as the portal's: row, draft, prefill, files and latest history.
const DETAIL_SQL = `SELECT ${COLUMNS}, t.answers::text AS answers, t.prefill::text AS prefill,
  (SELECT coalesce(json_agg(json_build_object('id', f.id, 'filename', f.filename, 'contentType', f.content_type,
     'size', f.size, 'sha256', f.sha256, 'uploadedAt', f.uploaded_at) ORDER BY f.uploaded_at, f.id), '[]')
     FROM task_attachments f WHERE f.task_id = t.id) AS attachments,
  (SELECT coalesce(json_agg(h ORDER BY h.id DESC), '[]')
     FROM (SELECT id, at, actor_type, actor_id, action, task_id, account_id, work_group_id, from_value, to_value
             FROM audit_log WHERE task_id = t.id ORDER BY id DESC LIMIT 100) h) AS history
  ${FROM} WHERE t.id = $1`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows straight from pg, shaped by the SQL above
type Row = Record<string, any>;

async function groupIdsOf(accountId: string): Promise<string[]> {
  const { rows } = await query(
    'SELECT m.work_group_id FROM work_group_members m JOIN accounts a ON a.id = m.account_id WHERE m.account_id = $1 AND NOT a.disabled',
    [accountId],
  );
  return rows.map((r) => r.work_group_id);
}

function summary(r: Row, today: string) {
  const submittedAt: Date | null = r.submitted_at;
  return {
    id: r.id,
    title: r.form_title,
    form: { key: r.form_key, version: r.form_version, title: r.form_title },
    subject: { reference: r.subject_reference, displayName: r.subject_display_name ?? '' },
    status: r.status,
    assignee:
      r.assignee_kind === 'account'
        ? { type: 'account', accountId: r.assignee_account_id, name: r.first_name === null ? '' : `${r.first_name} ${r.last_name}`, email: r.account_email ?? '' }
        : r.assignee_kind === 'work_group'
          ? { type: 'work_group', workGroupId: r.holder_work_group_id, name: r.holder_group_name ?? '' }
          : { type: 'email', email: r.assignee_email },
    workGroup: r.work_group_id ? { id: r.work_group_id, key: r.group_key ?? '', name: r.group_name ?? '' } : null,
    dueDate: r.due_date,
    overdue: r.status !== 'submitted' && r.due_date < today,
    message: r.message,
    delegatedAt: r.delegated_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: submittedAt?.toISOString() ?? null,
    availableUntil: submittedAt ? new Date(submittedAt.getTime() + RETENTION_MS).toISOString() : null,
    version: r.version,
  };
}

function cursorOf(r: Row): string {
  return Buffer.from(JSON.stringify({ s: 'dueDate', o: 'asc', v: r.due_date, id: r.id })).toString('base64url');
}

const app = Fastify({ logger: false });

app.get('/health/ready', async () => ({ status: 'ready' }));

app.get('/api/v1/tasks', async (request, reply) => {
  const principal = await authenticate(request, reply);
  if (!principal) return reply;
  const q = request.query as { view?: string; limit?: string };
  const view = q.view ?? 'to-complete';
  const limit = q.limit ? Number(q.limit) : 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(reply, 400, 'invalid_request', 'limit must be 1..100');
  let rows: Row[];
  if (view === 'to-complete') {
    rows = (await query(TO_COMPLETE_SQL, [principal.accountId, limit + 1])).rows;
  } else if (view === 'work-groups' || view === 'group-members') {
    rows = (await query(view === 'work-groups' ? WORK_GROUPS_SQL : GROUP_MEMBERS_SQL, [principal.accountId, limit + 1])).rows;
  } else {
    return problem(reply, 400, 'invalid_request', 'unknown view');
  }
  const page = rows.slice(0, limit);
  const today = todayFormat.format(new Date());
  const items = page.map((r) => summary(r, today));
  return {
    items:
      view === 'group-members'
        ? items.map((v) => ({ id: v.id, title: v.title, subject: { reference: v.subject.reference }, dueDate: v.dueDate, overdue: v.overdue, assignee: v.assignee, workGroup: v.workGroup }))
        : items,
    nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null,
  };
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// Definitions as JSON text, serialised once (as the portal's FormCatalogue does).
const definitions = new Map<string, string>();

async function definition(key: string, version: number): Promise<string> {
  const cacheKey = `${key}\u0000${version}`;
  let found = definitions.get(cacheKey);
  if (!found) {
    const { rows } = await query('SELECT definition FROM form_definitions WHERE key = $1 AND version = $2', [key, version]);
    found = JSON.stringify(rows[0].definition);
    definitions.set(cacheKey, found);
  }
  return found;
}

app.get('/api/v1/tasks/:id', async (request, reply) => {
  const principal = await authenticate(request, reply);
  if (!principal) return reply;
  const { id } = request.params as { id: string };
  if (!UUID.test(id)) return problem(reply, 404, 'not_found', 'Not found');
  const { rows } = await query(DETAIL_SQL, [id]);
  const r = rows[0];
  if (!r || r.status === 'withdrawn') return problem(reply, 404, 'not_found', 'Not found');
  if (r.assignee_kind !== 'account' || r.assignee_account_id !== principal.accountId) {
    if (r.assignee_kind === 'work_group' && (await groupIdsOf(principal.accountId)).includes(r.holder_work_group_id)) {
      return problem(reply, 403, 'pickup_required', 'Pick the task up first');
    }
    return problem(reply, 404, 'not_found', 'Not found');
  }
  const def = await definition(r.form_key, r.form_version);
  const rest = JSON.stringify({
    ...summary(r, todayFormat.format(new Date())),
    attachments: (r.attachments as Row[]).map((a) => ({ ...a, uploadedAt: new Date(a.uploadedAt).toISOString() })),
    history: history(r.history as Row[]),
    notices: noticesFrom(r.history as Row[]),
  });
  // The form and the draft spliced in as text, unparsed (as the portal's response serializer does).
  reply.type('application/json; charset=utf-8');
  return `${rest.slice(0, -1)},"definition":${def},"answers":${r.answers},"prefill":${r.prefill}}`;
});

function history(rows: Row[]) {
  return rows.map((h) => {
    const e: Record<string, unknown> = {
      id: h.id,
      at: new Date(h.at as string).toISOString(),
      actor: h.actor_id ? { type: h.actor_type, id: h.actor_id } : { type: h.actor_type },
      action: h.action,
    };
    if (h.task_id) e.taskId = h.task_id;
    if (h.account_id) e.accountId = h.account_id;
    if (h.work_group_id) e.workGroupId = h.work_group_id;
    if (h.from_value !== null) e.from = h.from_value;
    if (h.to_value !== null) e.to = h.to_value;
    return e;
  });
}

/** One notice per change the case system made, as the portal's GetTask derives them from the history. */
function noticesFrom(rows: Row[]) {
  return rows
    .filter((h) => h.action === 'task.changed')
    .map((h) => {
      const to = (h.to_value ?? {}) as { fields?: ChangedField[]; dueDate?: string };
      const from = (h.from_value ?? {}) as { dueDate?: string };
      const text = (to.fields ?? [])
        .map((field) => describeChange(field === 'dueDate' ? { field, from: from.dueDate, to: to.dueDate } : { field }))
        .join(' ');
      return { at: new Date(h.at as string).toISOString(), text };
    });
}

app
  .listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' })
  .then((address) => process.stdout.write(`baseline listening on ${address}\n`))
  .catch((error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });

const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
