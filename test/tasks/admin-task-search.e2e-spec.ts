import { registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, educationAdviceForm, healthDelegationBody, publishSampleForms } from '../support/task-fixtures';
import { integration, PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The helpdesk's search (GET /admin/tasks): "unable to find a form" is one of the guide's reasons to
 * call, so the helpdesk finds a task by case reference, child's name, professional's email, form and
 * status, page by page, and sees metadata only.
 */
describe('Admin task search', () => {
  let t: TestApp;
  let admin: PortalClient;
  let pro: PortalClient;
  const ids: Record<string, string> = {};

  const search = async (query: string): Promise<string[]> => {
    const res = await admin.get(`/admin/tasks?${query}`).expect(200);
    return (res.body.items as { id: string }[]).map((i) => i.id).sort();
  };
  const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    pro = await registerAndLogin(t, 'Pat.Lee@School.example');
    ids.alex = (await delegate(t, delegationBody(pro.email, { subject: { reference: 'LCS-100001', displayName: 'Alex Smith' } }))).id;
    ids.alexHealth = (
      await delegate(t, healthDelegationBody(pro.email, { subject: { reference: 'LCS-100001', displayName: 'Alex Smith' } }))
    ).id;
    ids.robin = (await delegate(t, delegationBody(pro.email, { subject: { reference: 'LCS-200002', displayName: "Robin O'Neil_100%" } }))).id;
    // Waiting for a professional who has not registered yet: found by the address it waits for.
    ids.waiting = (
      await delegate(t, delegationBody('new.starter@gp.example', { subject: { reference: 'LCS-300003', displayName: 'Sam Smithson' } }))
    ).id;
    await sql(t, "UPDATE tasks SET status = 'submitted', submitted_at = now() WHERE id = ?", [ids.alexHealth]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds tasks by case reference, part of the child name, professional email, form and status, combined', async () => {
    expect(await search('reference=lcs-100001')).toEqual(sorted('alex', 'alexHealth'));
    expect(await search('reference=LCS-10000')).toEqual([]); // the whole reference, not a part
    expect(await search('subjectName=smith')).toEqual(sorted('alex', 'alexHealth', 'waiting'));
    expect(await search('subjectName=%20SMITHSON%20')).toEqual(sorted('waiting'));
    // LIKE's wildcards are only themselves.
    expect(await search('subjectName=_100%25')).toEqual(sorted('robin'));
    expect(await search('subjectName=0%25')).toEqual(sorted('robin'));
    expect(await search('subjectName=o_n')).toEqual([]);
    expect(await search('email=PAT.LEE%40school.example')).toEqual(sorted('alex', 'alexHealth', 'robin'));
    expect(await search('email=new.starter%40gp.example')).toEqual(sorted('waiting'));
    expect(await search('email=nobody%40gp.example')).toEqual([]);
    expect(await search('formKey=health-contribution')).toEqual(sorted('alexHealth'));
    expect(await search('formKey=education-advice&subjectName=smith')).toEqual(sorted('alex', 'waiting'));
    expect(await search('status=submitted&reference=LCS-100001')).toEqual(sorted('alexHealth'));
    expect(await search('status=open&email=pat.lee%40school.example&formKey=education-advice')).toEqual(sorted('alex', 'robin'));
  });

  it('pages through the results with the cursor, and shows metadata only (never answers, files or PDFs)', async () => {
    const first = await admin.get('/admin/tasks?email=pat.lee%40school.example&limit=2&sort=title').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin
      .get(`/admin/tasks?email=pat.lee%40school.example&limit=2&sort=title&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((i: { id: string }) => i.id).sort();
    expect(all).toEqual(sorted('alex', 'alexHealth', 'robin'));
    const text = JSON.stringify([first.body, second.body]);
    expect(text).not.toContain('"answers"');
    expect(text).not.toContain('"prefill"');
    expect(text).not.toContain('"attachments"');
    const item = first.body.items[0];
    expect(item).toEqual(expect.objectContaining({ subject: expect.objectContaining({ reference: expect.any(String) }), form: expect.any(Object) }));
    // Finding a task gives the helpdesk no way into its content.
    await admin.get(`/tasks/${ids.alex}`).expect(404);
    await admin.get(`/tasks/${ids.alexHealth}/pdf`).expect(404);
  });

  it('is for admins only: professionals get 403 forbidden, signed-out callers 401', async () => {
    const res = await pro.get('/admin/tasks?reference=LCS-100001').expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('forbidden');
    expect(JSON.stringify(res.body)).not.toContain('LCS-100001');
    const anonymous = await t.http().get('/api/v1/admin/tasks?email=pat.lee%40school.example').expect(401);
    expect(anonymous.body.code).toBe('unauthenticated');
  });

  it.each([
    ['email=not-an-email', 'email'],
    ['subjectName=a', 'subjectName'],
    [`subjectName=${'x'.repeat(101)}`, 'subjectName'],
    ['reference=', 'reference'],
    [`reference=${'R'.repeat(101)}`, 'reference'],
    ['formKey=Education_Advice', 'formKey'],
    ['status=withdrawn', 'status'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['unknown=1', 'unknown'],
    ['email=a%40b.example&email=c%40d.example', 'email'],
  ])('bad input %s is a 400 invalid_request problem naming %s', async (query, path) => {
    const res = await admin.get(`/admin/tasks?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(expect.objectContaining({ status: 400, code: 'invalid_request' }));
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it('lists the published forms by their newest version, for the search by form (admins only)', async () => {
    const v2 = { ...educationAdviceForm(), version: 2, title: 'Education advice (2027)' };
    const published = await integration(t).put('/integration/form-definitions/education-advice/versions/2', v2);
    expect(published.status).toBe(201);
    const res = await admin.get('/admin/forms').expect(200);
    expect(res.body.items).toEqual([
      { key: 'education-advice', version: 2, title: 'Education advice (2027)' },
      { key: 'health-contribution', version: 1, title: expect.any(String) },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('"pages"');
    expect((await pro.get('/admin/forms').expect(403)).body.code).toBe('forbidden');
    // Tasks on an older version are found by the key all the same.
    expect(await search('formKey=education-advice&reference=LCS-100001')).toEqual(sorted('alex'));
  });

  it('a cursor from another search order is refused as invalid_request', async () => {
    const first = await admin.get('/admin/tasks?subjectName=smith&limit=1&sort=title').expect(200);
    const res = await admin.get(`/admin/tasks?subjectName=smith&limit=1&sort=dueDate&cursor=${first.body.nextCursor}`).expect(400);
    expect(res.body.code).toBe('invalid_request');
  });
});
