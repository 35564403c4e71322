import { markSubmitted, sql, sqlInTransaction } from '../support/sql';
import { calendarDate } from '../../src/shared/dates';
import { login, registerAndLogin, PortalClient } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { delegate, delegationBody, healthDelegationBody, publishSampleForms } from '../support/task-fixtures';

const ZONE = 'Pacific/Kiritimati'; // UTC+14: its "today" is a day ahead of UTC for most of the UTC day

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('Task lists: to-complete, keyset pagination, overdue in PORTAL_TIMEZONE', () => {
  let t: TestApp;
  let pro: PortalClient;
  let other: PortalClient;

  beforeAll(async () => {
    t = await startTestApp({ env: { PORTAL_TIMEZONE: ZONE } });
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'lists@school.example');
    other = await registerAndLogin(t, 'other@school.example');
  });
  afterAll(() => t.close());

  it('overdue means a due date before today in PORTAL_TIMEZONE, not in UTC, and never shifts the date', async () => {
    // 12:00 UTC: the UTC date is D, the portal's date is D + 1.
    const now = new Date();
    const noonUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
    t.clock.advance(noonUtc - t.clock.now().getTime());
    try {
      const utcToday = t.clock.now().toISOString().slice(0, 10);
      const portalToday = calendarDate(t.clock.now(), ZONE);
      expect(portalToday).toBe(addDays(utcToday, 1));

      const pro2 = await registerAndLogin(t, 'overdue@school.example');
      const dueUtcToday = await delegate(t, delegationBody('overdue@school.example', { dueDate: utcToday }));
      const duePortalToday = await delegate(t, delegationBody('overdue@school.example', { dueDate: portalToday }));
      const items = (await pro2.get('/tasks?view=to-complete').expect(200)).body.items;
      expect(items.map((i: { id: string; dueDate: string; overdue: boolean }) => [i.id, i.dueDate, i.overdue])).toEqual([
        [dueUtcToday.id, utcToday, true],
        [duePortalToday.id, portalToday, false],
      ]);
      t.clock.advanceDays(1);
      // A day later the session has long gone idle: sign in again.
      const nextDay = await login(t, 'overdue@school.example');
      const later = (await nextDay.get('/tasks?view=to-complete').expect(200)).body.items;
      expect(later.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true]);
    } finally {
      t.clock.reset();
    }
  });

  describe('to-complete', () => {
    const created: Record<string, any>[] = [];
    beforeAll(async () => {
      const dates = ['2027-03-01', '2027-01-15', '2027-02-01', '2027-01-15', '2027-05-20', '2027-01-15', '2027-04-01'];
      for (const [i, dueDate] of dates.entries()) {
        const body =
          i % 2 ? healthDelegationBody('lists@school.example', { dueDate }) : delegationBody('lists@school.example', { dueDate });
        created.push(await delegate(t, body));
      }
      // Someone else's task never shows; a submitted one leaves the list.
      await delegate(t, delegationBody('other@school.example', { dueDate: '2027-01-01' }));
      const submitted = await delegate(t, delegationBody('lists@school.example', { dueDate: '2027-01-02' }));
      await markSubmitted(t, submitted.id);
    });

    const byDueDate = () =>
      [...created].sort((a, b) => (a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1));

    async function allPages(
      query: string,
      limit: number,
    ): Promise<{ pages: Record<string, any>[][]; cursors: (string | null)[] }> {
      const pages: Record<string, any>[][] = [];
      const cursors: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const r: { body: { items: Record<string, any>[]; nextCursor: string | null } } = await pro
          .get(`/tasks?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        pages.push(r.body.items);
        cursor = r.body.nextCursor;
        cursors.push(cursor);
      } while (cursor && pages.length < 20);
      return { pages, cursors };
    }

    it('lists my open and in-progress tasks, earliest due date first (ties by id), default 25', async () => {
      await pro.put(`/tasks/${created[2].id}/answers`, { version: 1, answers: { setting: 'x' } }).expect(200);
      const r = await pro.get('/tasks?view=to-complete').expect(200);
      expect(r.body.nextCursor).toBeNull();
      expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(byDueDate().map((c) => c.id));
      expect(r.body.items.find((i: { id: string }) => i.id === created[2].id).status).toBe('in_progress');
      // The default view is to-complete.
      expect((await pro.get('/tasks').expect(200)).body).toEqual(r.body);
      const item = r.body.items[0];
      expect(Object.keys(item).sort()).toEqual(
        [
          'id',
          'title',
          'form',
          'subject',
          'status',
          'assignee',
          'workGroup',
          'dueDate',
          'overdue',
          'message',
          'delegatedAt',
          'updatedAt',
          'submittedAt',
          'availableUntil',
          'version',
        ].sort(),
      );
      expect(
        (await other.get('/tasks?view=to-complete').expect(200)).body.items.map((i: { dueDate: string }) => i.dueDate),
      ).toEqual(['2027-01-01']);
    });

    it('pages with an opaque cursor: no gaps, no repeats, null at the end', async () => {
      const { pages, cursors } = await allPages('view=to-complete', 3);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(cursors[2]).toBeNull();
      expect(cursors[0]).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(pages.flat().map((i) => i.id)).toEqual(byDueDate().map((c) => c.id));
    });

    it('sorts by delegatedAt or title, either way round, and pages each sort', async () => {
      const delegatedDesc = [...created].reverse().map((c) => c.id); // ids are time-ordered like delegatedAt
      expect((await allPages('view=to-complete&sort=delegatedAt&order=desc', 2)).pages.flat().map((i) => i.id)).toEqual(
        delegatedDesc,
      );
      expect((await allPages('view=to-complete&sort=delegatedAt', 4)).pages.flat().map((i) => i.id)).toEqual(
        [...delegatedDesc].reverse(),
      );
      const titles = (await allPages('view=to-complete&sort=title', 2)).pages.flat();
      expect(titles.map((i) => i.title)).toEqual([...titles.map((i) => i.title)].sort());
      expect(new Set(titles.map((i) => i.id)).size).toBe(created.length);
      const dueDesc = (await allPages('view=to-complete&order=desc', 3)).pages.flat().map((i) => i.id);
      expect(dueDesc).toEqual(
        byDueDate()
          .map((c) => c.id)
          .reverse(),
      );
    });

    it('refuses bad list parameters with 400 invalid_request', async () => {
      const first = await pro.get('/tasks?view=to-complete&limit=2').expect(200);
      for (const query of [
        'view=everything',
        'view=to-complete&limit=0',
        'view=to-complete&limit=101',
        'view=to-complete&limit=ten',
        'view=to-complete&sort=colour',
        'view=to-complete&order=up',
        'view=to-complete&cursor=not*a*cursor',
        `view=to-complete&cursor=${Buffer.from('{"s":"dueDate"}').toString('base64url')}`,
        `view=to-complete&sort=title&cursor=${first.body.nextCursor}`,
        'view=to-complete&colour=blue',
      ]) {
        const r = await pro.get(`/tasks?${query}`).expect(400);
        expect(r.body.code).toBe('invalid_request');
      }
    });

    it('recently submitted: mine, within 30 days, newest first; work-groups and group-members are empty without groups', async () => {
      const recent = await pro.get('/tasks?view=recently-submitted').expect(200);
      expect(recent.body.items).toEqual([
        expect.objectContaining({ status: 'submitted', dueDate: '2027-01-02', availableUntil: expect.any(String) }),
      ]);
      await sql(t, "UPDATE tasks SET submitted_at = now() - interval '31 days' WHERE status = 'submitted'");
      expect((await pro.get('/tasks?view=recently-submitted').expect(200)).body.items).toEqual([]);
      expect((await pro.get('/tasks?view=work-groups').expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await pro.get('/tasks?view=group-members').expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it('the list is served by an index', async () => {
      // The planner picks a sequential scan on a tiny table; forbid it to see that an index fits the query.
      // On a few rows any of the person's indexes or the active-by-due-date one (20261128000600) is as
      // cheap; at a million tasks it is the person's active tasks by due date (20261205000200, plans
      // in BENCHMARKS.md).
      const plan = await sqlInTransaction(
        t,
        [
          'SET LOCAL enable_seqscan = off',
          `EXPLAIN (FORMAT JSON) SELECT t.id FROM tasks t LEFT JOIN accounts a ON a.id = t.assignee_account_id
            WHERE t.assignee_account_id = ? AND t.status IN ('open', 'in_progress')
            AND (t.due_date, t.id) > (CAST(? AS date), CAST(? AS uuid)) ORDER BY t.due_date, t.id LIMIT 26`,
        ],
        [pro.accountId, '2027-01-01', '00000000-0000-7000-8000-000000000000'],
      );
      expect(JSON.stringify(plan)).toMatch(/"Index Name":"tasks_(to_complete_due|to_complete|active_due)_idx"/);
    });
  });
});
