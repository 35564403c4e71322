import { addDaysToDate, calendarDate } from '../../src/shared/dates';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, healthDelegationBody, publishSampleForms } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { groupWith } from './support';

describe('Finding one’s tasks: filters and sorting with keyset paging', () => {
  let t: TestApp;
  let pro: PortalClient;
  let colleague: PortalClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'senco@oakfield.example');
    colleague = await registerAndLogin(t, 'deputy@oakfield.example');
    const admin = await registerAdminHere(t, 'helpdesk@council.example');
    const group = await groupWith(admin, 'oak', [pro.email, colleague.email]);
    const today = calendarDate(t.clock.now(), 'Europe/London');
    const make = async (name: string, body: Record<string, unknown>) => {
      ids[name] = (await delegate(t, body)).id;
    };
    await make('alexOverdue', delegationBody(pro.email, { subject: { reference: 'LCS-100001', displayName: 'Alex Smith' }, dueDate: addDaysToDate(today, -2) }));
    await make('alexSoon', healthDelegationBody(pro.email, { subject: { reference: 'LCS-100001', displayName: 'Alex Smith' }, dueDate: addDaysToDate(today, 3) }));
    await make('jordanLater', delegationBody(pro.email, { subject: { reference: 'LCS-200002', displayName: 'Jordan Lee' }, dueDate: addDaysToDate(today, 20) }));
    await make('percent', delegationBody(pro.email, { subject: { reference: 'LCS-300003', displayName: 'Sam 100% Jones' }, dueDate: addDaysToDate(today, 9) }));
    await make('groupAlex', delegationBody(pro.email, { assignee: { workGroupKey: group.key }, subject: { reference: 'LCS-100001', displayName: 'Alex Smith' } }));
    await make('groupRiley', delegationBody(pro.email, { assignee: { workGroupKey: group.key }, subject: { reference: 'LCS-400004', displayName: 'Riley Cole' } }));
    // A colleague's task that came through the group: its child's name is not theirs to search by.
    await make('colleagues', delegationBody(pro.email, { assignee: { workGroupKey: group.key }, subject: { reference: 'LCS-500005', displayName: 'Casey Hidden' } }));
    await colleague.post(`/tasks/${ids.colleagues}/pickup`).expect(200);
  });
  afterAll(() => t.close());

  const idsOf = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);
  const named = (...names: string[]) => names.map((n) => ids[n]);

  it("filters Tasks to complete by child's name or case reference, case-insensitively and literally", async () => {
    expect(idsOf(await pro.get('/tasks?view=to-complete&q=alex').expect(200))).toEqual(named('alexOverdue', 'alexSoon'));
    expect(idsOf(await pro.get('/tasks?view=to-complete&q=lcs-2000').expect(200))).toEqual(named('jordanLater'));
    expect(idsOf(await pro.get(`/tasks?view=to-complete&q=${encodeURIComponent('100%')}`).expect(200))).toEqual(named('percent'));
    expect(idsOf(await pro.get('/tasks?view=to-complete&q=_').expect(200))).toEqual([]);
  });

  it('filters by form, overdue, and due within N days; sorts by due or received date; pages keep the filters', async () => {
    expect(idsOf(await pro.get('/tasks?view=to-complete&form=health-contribution').expect(200))).toEqual(named('alexSoon'));
    expect(idsOf(await pro.get('/tasks?view=to-complete&overdue=true').expect(200))).toEqual(named('alexOverdue'));
    expect(idsOf(await pro.get('/tasks?view=to-complete&dueWithinDays=10').expect(200))).toEqual(named('alexOverdue', 'alexSoon', 'percent'));
    expect(idsOf(await pro.get('/tasks?view=to-complete&sort=delegatedAt&order=desc').expect(200))).toEqual(
      named('percent', 'jordanLater', 'alexSoon', 'alexOverdue'),
    );
    const first = await pro.get('/tasks?view=to-complete&dueWithinDays=30&limit=2').expect(200);
    expect(idsOf(first)).toEqual(named('alexOverdue', 'alexSoon'));
    const second = await pro.get(`/tasks?view=to-complete&dueWithinDays=30&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(idsOf(second)).toEqual(named('percent', 'jordanLater'));
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters the group views too; a colleague’s task is found by its reference, never by the child’s name', async () => {
    expect(idsOf(await pro.get('/tasks?view=work-groups&q=riley').expect(200))).toEqual(named('groupRiley'));
    expect(idsOf(await pro.get('/tasks?view=work-groups&q=LCS-1').expect(200))).toEqual(named('groupAlex'));
    expect(idsOf(await pro.get('/tasks?view=group-members&q=casey').expect(200))).toEqual([]);
    expect(idsOf(await pro.get('/tasks?view=group-members&q=500005').expect(200))).toEqual(named('colleagues'));
  });

  it('refuses bad filters as problem+json', async () => {
    for (const query of ['dueWithinDays=-1', 'dueWithinDays=366', 'dueWithinDays=soon', 'overdue=yes', `q=${'x'.repeat(101)}`, 'colour=red']) {
      const r = await pro.get(`/tasks?view=to-complete&${query}`).expect(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.code).toBe('invalid_request');
    }
  });
});
