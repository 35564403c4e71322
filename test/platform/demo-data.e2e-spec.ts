import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-data';
import { startTestApp, TestApp } from '../support/test-app';
import { login } from '../support/portal-client';

describe('Demo data (DEMO_DATA=true, the embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => t.close());

  it('seeds sign-ins, a work group and tasks that show the whole journey', async () => {
    const sam = await login(t, DEMO_ACCOUNTS.professional, DEMO_PASSWORD);
    const toComplete = (await sam.get('/tasks?view=to-complete').expect(200)).body.items;
    expect(toComplete.map((i: { title: string }) => i.title).sort()).toEqual([
      'Education advice for an EHC needs assessment',
      'Health contribution to a child protection conference',
    ]);
    expect(toComplete.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect((await sam.get('/tasks?view=work-groups').expect(200)).body.items).toHaveLength(1);

    const admin = await login(t, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
    expect((await admin.get('/me').expect(200)).body.roles).toContain('admin');
    const groups = (await admin.get('/admin/work-groups').expect(200)).body.items;
    expect(groups).toHaveLength(1);
    expect(groups[0].members).toHaveLength(2);
  });

  it('seeds only once', async () => {
    const again = await startTestApp({ env: { DEMO_DATA: 'true' }, databaseUrl: t.databaseUrl, embedded: t.embedded, mail: t.mail, stub: t.stub });
    try {
      const admin = await login(again, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
      expect((await admin.get('/admin/tasks').expect(200)).body.items).toHaveLength(3);
    } finally {
      await again.close();
    }
  });
});
