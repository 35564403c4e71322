import { createHash, createHmac } from 'node:crypto';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { FormDefinition } from '../../libs/form-schema/src';
import { educationVariants } from './answers';
import { query } from './db';

/**
 * The benchmark's dataset, written with SQL set operations (generate_series, INSERT … SELECT): no
 * row is sent on its own. Everything is a deterministic function of the row number (hashint4), so
 * two seeds give the same shape of data.
 */
export const SEED_VERSION = 4;
export const ACCOUNTS = 10_000;
export const GROUPS = 500;
/** Consecutive groups overlap: group g holds accounts (g-1)*STRIDE … (g-1)*STRIDE+size-1 (mod ACCOUNTS). */
export const GROUP_STRIDE = 20;
export const ANSWER_VARIANTS = 300;
export const PASSWORD = 'bench-Password-for-everyone-2026';

export interface SeedOptions {
  tasks: number;
  education: FormDefinition;
  log: (message: string) => void;
}

/** The session token of account n: deterministic, so load scripts can be rebuilt without the database. */
export function sessionToken(n: number): string {
  return createHash('sha256').update(`portal-bench-session-${n}`).digest('base64url');
}

export function csrfFor(token: string): string {
  return createHmac('sha256', token).update('portal-csrf-v1').digest('base64url');
}

export function accountEmail(n: number): string {
  return `pro${n}@bench.example`;
}

async function timed(log: (m: string) => void, label: string, work: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work();
  const ms = Date.now() - started;
  log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

/** Seeds into an empty, migrated database with the form definitions already published. */
export async function seed(client: Client, options: SeedOptions): Promise<Record<string, number>> {
  const { log } = options;
  const steps: Record<string, number> = {};
  await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`);

  // A UUID v7 (time-ordered, as the app's ids) for a given time.
  await client.query(`
    CREATE OR REPLACE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
      SELECT encode(set_byte(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
             6, (get_byte(uuid_send(gen_random_uuid()), 6) & 15) | 112), 'hex')::uuid
    $$`);

  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

  steps.accounts = await timed(log, `${ACCOUNTS} accounts`, async () => {
    await client.query(
      `CREATE TABLE bench_accounts (n int PRIMARY KEY, id uuid NOT NULL, email text NOT NULL, first_name text, last_name text);
       INSERT INTO bench_accounts
       SELECT n, pg_temp.uuid7(now() - interval '500 days' + n * interval '1 minute'), 'pro' || n || '@bench.example',
              (ARRAY['Amelia','Oliver','Isla','George','Ava','Noah','Mia','Arthur','Ivy','Leo','Freya','Oscar','Priya','Mohammed','Zainab','Tomasz'])[1 + n % 16],
              (ARRAY['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright','Khan','Evans','Thomas','Roberts','Nowak','Okafor','Hughes'])[1 + (n / 16) % 17]
         FROM generate_series(1, ${ACCOUNTS}) n`,
    );
    await client.query(
      `INSERT INTO accounts (id, email, password_hash, first_name, last_name, job_title, organisation, phone, address, roles,
                             created_at, updated_at)
       SELECT id, email, $1, first_name, last_name,
              (ARRAY['SENCo','Class teacher','Educational psychologist','School nurse','Health visitor','GP','Head of year'])[1 + n % 7],
              (ARRAY['Riverside Primary School','Kingsway High School','City NHS Trust','Northgate PRU','Oakfield Academy Trust'])[1 + n % 5],
              '01632 ' || lpad((n % 1000000)::text, 6, '0'),
              jsonb_build_object('line1', n || ' High Street', 'town', 'Exampleton', 'postcode', 'EX' || (n % 90 + 1) || ' 1AA'),
              CASE WHEN n = 1 THEN '{professional,admin}'::text[] ELSE '{professional}'::text[] END,
              now() - interval '500 days', now() - interval '500 days'
         FROM bench_accounts`,
      [hash],
    );
  });

  steps.workGroups = await timed(log, `${GROUPS} work groups and members`, () =>
    client.query(`
      CREATE TABLE bench_groups (n int PRIMARY KEY, id uuid NOT NULL, size int NOT NULL);
      INSERT INTO bench_groups SELECT g, pg_temp.uuid7(now() - interval '450 days' + g * interval '1 minute'), 5 + (g * 37) % 46
        FROM generate_series(1, ${GROUPS}) g;
      INSERT INTO work_groups (id, key, name, organisation, notification_email, created_at, updated_at)
      SELECT id, 'bench-group-' || n,
             (ARRAY['SEND team','Safeguarding hub','School nursing','Inclusion service','Early help'])[1 + n % 5] || ' ' || n,
             (ARRAY['Riverside Primary School','Kingsway High School','City NHS Trust','Northgate PRU','Oakfield Academy Trust'])[1 + n % 5],
             CASE WHEN n % 4 = 0 THEN 'group' || n || '@bench.example' END,
             now() - interval '450 days', now() - interval '450 days'
        FROM bench_groups;
      INSERT INTO work_group_members (work_group_id, email, account_id, added_at)
      SELECT g.id, a.email, a.id, now() - interval '400 days'
        FROM bench_groups g CROSS JOIN LATERAL generate_series(0, g.size - 1) k
        JOIN bench_accounts a ON a.n = ((g.n - 1) * ${GROUP_STRIDE} + k) % ${ACCOUNTS} + 1;
      -- Members invited but not registered yet.
      INSERT INTO work_group_members (work_group_id, email, account_id, added_at)
      SELECT id, 'invitee-g' || n || '@bench.example', NULL, now() - interval '10 days' FROM bench_groups WHERE n % 10 = 0;
    `),
  );

  const variants = educationVariants(options.education, ANSWER_VARIANTS);
  const sizes = variants.map((v) => v.length);
  log(`  ${variants.length} answer variants, ${Math.min(...sizes)}-${Math.max(...sizes)} bytes of JSON (mean ${Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)})`);
  // A compressed value is copied as it is, never recompressed: the variants are stored with the
  // compression tasks.answers has (lz4 where the server has it, as the portal's own saves write
  // them), or every seeded draft would be pglz and cost PostgreSQL more to read than a real one.
  const [{ compression }] = await query<{ compression: string }>(
    client,
    `SELECT CASE attcompression WHEN 'l' THEN 'lz4' WHEN 'p' THEN 'pglz' ELSE 'default' END AS compression
       FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'answers'`,
  );
  await client.query(`CREATE TABLE bench_answers (n int PRIMARY KEY, answers jsonb COMPRESSION ${compression} NOT NULL)`);
  await client.query(
    `INSERT INTO bench_answers SELECT ord - 1, a::jsonb FROM unnest($1::text[]) WITH ORDINALITY AS t(a, ord)`,
    [variants],
  );

  // The plan of each task, then the rows: see the comment on each CASE.
  steps.tasks = await timed(log, `${options.tasks.toLocaleString('en-GB')} tasks`, async () => {
    // Bulk load: drop the secondary indexes of tasks and build them once afterwards (as pg_restore does).
    const indexes = await query<{ indexname: string; indexdef: string }>(
      client,
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tasks' AND indexname <> 'tasks_pkey'`,
    );
    for (const i of indexes) await client.query(`DROP INDEX ${i.indexname}`);
    await client.query(`
      CREATE TEMP TABLE plan AS
      SELECT i,
             -- who holds it: 55% a person directly, 25% a person who picked it up from a group,
             -- 15% a work group, 4% an email not registered yet, 1% withdrawn
             CASE WHEN i % 100 < 55 THEN 'direct' WHEN i % 100 < 80 THEN 'via_group' WHEN i % 100 < 95 THEN 'group'
                  WHEN i % 100 < 99 THEN 'email' ELSE 'withdrawn' END AS kind,
             abs(hashint4(i + 1)) % 100 AS s,
             abs(hashint4(i + 2)) % 100 < 85 AS education,
             abs(hashint4(i + 3)) AS h,
             1 + abs(hashint4(i + 4)) % ${GROUPS} AS g
        FROM generate_series(1, ${options.tasks}) i;
      CREATE TEMP TABLE plan2 AS
      SELECT p.*,
             CASE WHEN kind = 'withdrawn' THEN 'withdrawn'
                  WHEN kind = 'email' THEN 'open'
                  WHEN kind = 'group' THEN CASE WHEN s < 85 THEN 'open' ELSE 'in_progress' END
                  ELSE CASE WHEN s < 20 THEN 'open' WHEN s < 40 THEN 'in_progress' ELSE 'submitted' END END AS status,
             CASE WHEN kind = 'direct' OR kind = 'withdrawn' THEN 1 + abs(hashint4(i + 5)) % ${ACCOUNTS}
                  WHEN kind = 'via_group' THEN ((g - 1) * ${GROUP_STRIDE} + abs(hashint4(i + 6)) % (5 + (g * 37) % 46)) % ${ACCOUNTS} + 1
             END AS account_n
        FROM plan p;
      CREATE TEMP TABLE plan3 AS
      SELECT p.*,
             CASE WHEN status IN ('open', 'in_progress') THEN h % 60 ELSE 5 + h % 400 END AS age_days
        FROM plan2 p;
      CREATE TEMP TABLE plan4 AS
      SELECT p.*, now() - age_days * interval '1 day' - (i % 1440) * interval '1 minute' AS delegated_at
        FROM plan3 p;
      CREATE TEMP TABLE plan5 AS
      SELECT p.*,
             (delegated_at AT TIME ZONE 'Europe/London')::date + 21 + (i % 28) AS due_date,
             CASE WHEN status = 'submitted' THEN delegated_at + (1 + i % least(20, age_days - 1)) * interval '1 day' END AS submitted_at,
             CASE WHEN status = 'in_progress' THEN delegated_at + (age_days / 2) * interval '1 day' + interval '3 hours' END AS saved_at
        FROM plan4 p;
      ANALYZE plan5;
    `);
    await client.query(`
      INSERT INTO tasks (id, external_ref, request_hash, form_key, form_version, form_title, subject_reference, subject_display_name,
                         message, prefill, answers, assignee_kind, assignee_account_id, assignee_email, holder_work_group_id,
                         work_group_id, status, version, due_date, delegated_at, updated_at, saved_at, submitted_at, withdrawn_at,
                         due_soon_reminded_at, overdue_reminded_at)
      SELECT pg_temp.uuid7(p.delegated_at),
             'BENCH-' || p.i,
             md5('BENCH-' || p.i),
             CASE WHEN p.education THEN 'education-advice' ELSE 'health-contribution' END,
             1,
             CASE WHEN p.education THEN f_e.title ELSE f_h.title END,
             'LCS-' || lpad(p.i::text, 7, '0'),
             CASE WHEN purged THEN NULL ELSE child.name END,
             CASE WHEN NOT purged AND p.h % 10 < 3 THEN 'Please include the latest attendance figures and any exclusions this year.' END,
             CASE WHEN purged THEN '{}'::jsonb
                  WHEN p.education THEN jsonb_build_object('childName', child.name, 'dateOfBirth', to_char(date '2012-01-01' + p.h % 4000, 'YYYY-MM-DD'),
                                                           'caseWorker', 'Case worker ' || (p.h % 200))
                  ELSE jsonb_build_object('childName', child.name, 'conferenceDate', to_char(p.due_date + 7, 'YYYY-MM-DD')) END,
             CASE WHEN purged OR p.status = 'open' THEN '{}'::jsonb
                  WHEN p.education THEN v.answers
                  ELSE jsonb_build_object('role', 'school-nurse', 'lastSeen', to_char(p.delegated_at, 'YYYY-MM-DD'), 'concerns', 'no') END,
             CASE p.kind WHEN 'group' THEN 'work_group' WHEN 'email' THEN 'email' ELSE 'account' END,
             a.id,
             CASE WHEN p.kind = 'email' THEN 'invitee' || (p.i % 5000) || '@bench.example' END,
             CASE WHEN p.kind = 'group' THEN grp.id END,
             CASE WHEN p.kind IN ('group', 'via_group') THEN grp.id END,
             p.status,
             CASE p.status WHEN 'open' THEN 1 WHEN 'in_progress' THEN 2 + p.i % 8 WHEN 'submitted' THEN 3 + p.i % 8 ELSE 2 END,
             p.due_date,
             p.delegated_at,
             coalesce(p.submitted_at, p.saved_at, p.delegated_at),
             coalesce(p.saved_at, p.submitted_at),
             p.submitted_at,
             CASE WHEN p.status = 'withdrawn' THEN p.delegated_at + interval '2 days' END,
             -- The reminder jobs have been running all along: what they would have sent is marked sent.
             CASE WHEN p.due_date <= current_date + 3 THEN now() END,
             CASE WHEN p.due_date < current_date THEN now() END
        FROM (SELECT p5.*, (p5.status = 'withdrawn' OR (p5.status = 'submitted' AND p5.submitted_at < now() - interval '30 days')) AS purged
                FROM plan5 p5) p
        JOIN form_definitions f_e ON f_e.key = 'education-advice' AND f_e.version = 1
        JOIN form_definitions f_h ON f_h.key = 'health-contribution' AND f_h.version = 1
        JOIN bench_answers v ON v.n = (p.i * 31) % ${ANSWER_VARIANTS}
        LEFT JOIN bench_accounts a ON a.n = p.account_n
        LEFT JOIN bench_groups grp ON grp.n = p.g
        CROSS JOIN LATERAL (SELECT (ARRAY['Jayden','Lily','Ethan','Sofia','Kacper','Aisha','Harvey','Poppy','Yusuf','Ellie'])[1 + p.h % 10]
                                   || ' ' || (ARRAY['Carter','Ahmed','Green','Kowalski','Murphy','Singh','Baker','Ali','Clarke'])[1 + (p.h / 10) % 9] AS name) child
        ORDER BY p.i
    `);
    for (const i of indexes) await client.query(i.indexdef);
    await client.query('DROP TABLE plan, plan2, plan3, plan4, plan5');
  });

  steps.audit = await timed(log, 'history (audit_log)', async () => {
    const indexes = await query<{ indexname: string; indexdef: string }>(
      client,
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_log' AND indexname <> 'audit_log_pkey'`,
    );
    for (const i of indexes) await client.query(`DROP INDEX ${i.indexname}`);
    await client.query(`
      INSERT INTO audit_log (id, at, actor_type, actor_id, action, task_id, account_id, work_group_id, from_value, to_value)
      SELECT pg_temp.uuid7(t.delegated_at), t.delegated_at, 'integration', NULL, 'task.delegated', t.id,
             CASE WHEN t.work_group_id IS NULL THEN t.assignee_account_id END, t.work_group_id, NULL,
             CASE WHEN t.work_group_id IS NOT NULL THEN jsonb_build_object('type', 'work_group', 'workGroupId', t.work_group_id)
                  WHEN t.assignee_kind = 'email' THEN jsonb_build_object('type', 'email', 'email', t.assignee_email)
                  ELSE jsonb_build_object('type', 'account', 'accountId', t.assignee_account_id) END
        FROM tasks t;
      INSERT INTO audit_log (id, at, actor_type, actor_id, action, task_id, account_id, work_group_id, from_value, to_value)
      SELECT pg_temp.uuid7(t.delegated_at + interval '1 hour'), t.delegated_at + interval '1 hour', 'account', t.assignee_account_id,
             'task.picked_up', t.id, t.assignee_account_id, t.work_group_id,
             jsonb_build_object('type', 'work_group', 'workGroupId', t.work_group_id),
             jsonb_build_object('type', 'account', 'accountId', t.assignee_account_id)
        FROM tasks t WHERE t.assignee_kind = 'account' AND t.work_group_id IS NOT NULL;
      INSERT INTO audit_log (id, at, actor_type, actor_id, action, task_id, from_value, to_value)
      SELECT pg_temp.uuid7(t.saved_at), t.saved_at, 'account', t.assignee_account_id, 'task.saved', t.id,
             jsonb_build_object('status', 'open', 'version', t.version - 1), jsonb_build_object('status', 'in_progress', 'version', t.version)
        FROM tasks t WHERE t.status = 'in_progress' AND t.assignee_account_id IS NOT NULL;
      INSERT INTO audit_log (id, at, actor_type, actor_id, action, task_id, from_value, to_value)
      SELECT pg_temp.uuid7(t.submitted_at), t.submitted_at, 'account', t.assignee_account_id, 'task.submitted', t.id,
             jsonb_build_object('status', 'in_progress', 'version', t.version - 1), jsonb_build_object('status', 'submitted', 'version', t.version)
        FROM tasks t WHERE t.status = 'submitted';
    `);
    for (const i of indexes) await client.query(i.indexdef);
  });

  steps.attachments = await timed(log, 'attachments and their files', () =>
    client.query(`
      CREATE TEMP TABLE att AS
      SELECT t.id AS task_id, k, pg_temp.uuid7(t.saved_at) AS id, gen_random_uuid() AS file_id, t.saved_at AS at, t.assignee_account_id AS by,
             -- a small, real-looking PDF: the signature, then filler
             convert_to('%PDF-1.4' || chr(10) || repeat(md5(t.id::text || k), 64 + abs(hashint4(k)) % 192), 'UTF8') AS content
        FROM tasks t CROSS JOIN LATERAL generate_series(1, 1 + abs(hashint4(t.version)) % 3) k
       WHERE t.status = 'in_progress' AND t.form_key = 'education-advice' AND t.assignee_kind = 'account'
         AND right(t.external_ref, 2) IN ('00', '15', '37', '71', '93');
      INSERT INTO stored_files (id, content, created_at) SELECT file_id, content, at FROM att;
      INSERT INTO task_attachments (id, task_id, file_id, filename, content_type, size, sha256, uploaded_by, uploaded_at)
      SELECT id, task_id, file_id, 'report-' || k || '.pdf', 'application/pdf', length(content), encode(sha256(content), 'hex'), by, at FROM att;
      DROP TABLE att;
    `),
  );

  steps.sessions = await timed(log, `${ACCOUNTS} sessions`, () => refreshSessions(client));

  steps.vacuum = await timed(log, 'VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
  await client.query('DROP TABLE bench_answers');
  return steps;
}

/**
 * One live session per account, with the deterministic tokens the load scripts send. Rewritten at
 * the start of every run: sessions idle for 30 minutes expire, and a run may reuse an old seed.
 */
export async function refreshSessions(client: Client): Promise<void> {
  const tokens = Array.from({ length: ACCOUNTS }, (_, i) => createHash('sha256').update(sessionToken(i + 1)).digest('hex'));
  await client.query('DELETE FROM sessions WHERE token_hash = ANY($1::text[])', [tokens]);
  await client.query(
    `INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, absolute_expires_at)
     SELECT gen_random_uuid(), h.token_hash, a.id, now(), now(), now() + interval '11 hours'
       FROM unnest($1::text[]) WITH ORDINALITY AS h(token_hash, n) JOIN accounts a ON a.email = 'pro' || h.n || '@bench.example'`,
    [tokens],
  );
}

/**
 * Every bench session last active 0-59 s ago, spread evenly, before each server's run of each
 * scenario. A session's activity is written at most once a minute (the session check's conditional
 * UPDATE, a commit each); with every session refreshed at the same moment, all of them would come due
 * together a minute later, in a burst of thousands of commits landing on whichever server and
 * scenario runs then (and the server measured second would find them just written by the first).
 * Spread, each run meets the same steady rate a minute's activity gives (about a third of the
 * sessions written once over a 20 s run), the portal and the baseline alike.
 */
export async function spreadSessionActivity(client: Client): Promise<void> {
  await client.query(
    `UPDATE sessions SET last_seen_at = now() - make_interval(secs => abs(hashtext(token_hash)) % 60)
      WHERE account_id IN (SELECT id FROM accounts WHERE email LIKE '%@bench.example')`,
  );
}
