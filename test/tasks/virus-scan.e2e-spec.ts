import { countStoredFiles } from '../support/sql';
import { registerAndLogin, PortalClient } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { EICAR, FakeClamd } from './support/fake-clamd';
import { pdf } from '../support/sample-files';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';

describe('Virus scanning with clamd (CLAMAV_URL)', () => {
  let t: TestApp;
  let clamd: FakeClamd;
  let pro: PortalClient;
  let taskId: string;

  beforeAll(async () => {
    clamd = new FakeClamd();
    await clamd.start();
    t = await startTestApp({ env: { CLAMAV_URL: clamd.url } });
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'scanned@school.example');
    taskId = (await delegate(t, delegationBody('scanned@school.example'))).id;
  });
  afterAll(async () => {
    await t.close();
    await clamd.stop();
  });

  const storedFiles = () => countStoredFiles(t);

  it('stores a clean file after clamd says OK', async () => {
    const before = clamd.scans;
    await upload(pro.agent, pro.csrf, taskId, pdf(), 'clean.pdf').expect(201);
    expect(clamd.scans).toBe(before + 1);
  });

  it('refuses an infected file: 422 virus_detected, nothing stored', async () => {
    const before = await storedFiles();
    const infected = Buffer.concat([pdf(), Buffer.from(EICAR)]);
    const r = await upload(pro.agent, pro.csrf, taskId, infected, 'infected.pdf').expect(422);
    expect(r.body.code).toBe('virus_detected');
    expect(await storedFiles()).toBe(before);
  });

  it('refuses the file with 503 scanner_unavailable when clamd answers nonsense or is down', async () => {
    const before = await storedFiles();
    clamd.behaviour = 'garbage';
    const garbage = await upload(pro.agent, pro.csrf, taskId, pdf(), 'a.pdf').expect(503);
    expect(garbage.body.code).toBe('scanner_unavailable');
    clamd.behaviour = 'scan';
    const port = clamd.port;
    await clamd.stop();
    const down = await upload(pro.agent, pro.csrf, taskId, pdf(), 'b.pdf').expect(503);
    expect(down.body.code).toBe('scanner_unavailable');
    expect(await storedFiles()).toBe(before);
    await clamd.start(port);
    await upload(pro.agent, pro.csrf, taskId, pdf(), 'c.pdf').expect(201);
  });
});
