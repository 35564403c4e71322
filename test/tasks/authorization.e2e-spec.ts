import { registerAdminHere } from '../support/sql';
import request from 'supertest';
import { API, login, registerAndLogin, PortalClient } from '../support/portal-client';
import { INTEGRATION_KEY, startTestApp, TestApp } from '../support/test-app';
import { integration } from '../support/portal-client';
import { pdf } from '../support/sample-files';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';

/** Strips what legitimately differs between two 404s. */
function problemOf(r: request.Response) {
  return { status: r.status, body: r.body, type: r.headers['content-type'] };
}

describe('Who may see and change a task', () => {
  let t: TestApp;
  let owner: PortalClient;
  let stranger: PortalClient;
  let admin: PortalClient;
  let task: Record<string, any>;
  let attachmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    owner = await registerAndLogin(t, 'owner@school.example');
    stranger = await registerAndLogin(t, 'stranger@school.example');
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    task = await delegate(t, delegationBody('owner@school.example'));
    await owner.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Oakfield' } }).expect(200);
    attachmentId = (await upload(owner.agent, owner.csrf, task.id, pdf(), 'plan.pdf').expect(201)).body.id;
  });
  afterAll(() => t.close());

  const routes = () => [
    { method: 'get', path: `/tasks/${task.id}` },
    { method: 'put', path: `/tasks/${task.id}/answers`, body: { version: 2, answers: {} } },
    { method: 'post', path: `/tasks/${task.id}/validate`, body: {} },
    { method: 'get', path: `/tasks/${task.id}/attachments/${attachmentId}` },
    { method: 'delete', path: `/tasks/${task.id}/attachments/${attachmentId}` },
  ];

  /** The same route without a session. */
  function anonymous(route: { method: string; path: string; body?: unknown }): request.Test {
    const agent = request(t.url);
    const url = API + route.path;
    switch (route.method) {
      case 'get':
        return agent.get(url);
      case 'put':
        return agent.put(url).send(route.body as object);
      case 'post':
        return agent.post(url).send(route.body as object);
      default:
        return agent.delete(url);
    }
  }

  function call(client: PortalClient, route: { method: string; path: string; body?: unknown }) {
    switch (route.method) {
      case 'get':
        return client.get(route.path);
      case 'put':
        return client.put(route.path, route.body);
      case 'post':
        return client.post(route.path, route.body);
      default:
        return client.delete(route.path);
    }
  }

  it('another professional gets 404 on every route, exactly like a task that does not exist', async () => {
    const made = '01900000-0000-7000-8000-000000000000';
    for (const route of routes()) {
      const theirs = await call(stranger, route);
      const nothing = await call(stranger, { ...route, path: route.path.replace(task.id, made) });
      expect(theirs.status).toBe(404);
      expect(problemOf(theirs)).toEqual(problemOf(nothing));
      expect(theirs.body.code).toBe('not_found');
    }
    const uploadAttempt = await upload(stranger.agent, stranger.csrf, task.id, pdf(), 'x.pdf').expect(404);
    expect(uploadAttempt.body.code).toBe('not_found');
    expect((await stranger.get('/tasks?view=to-complete').expect(200)).body.items).toEqual([]);
    // Nothing changed for the owner.
    const mine = await owner.get(`/tasks/${task.id}`).expect(200);
    expect(mine.body).toMatchObject({
      version: 2,
      answers: { setting: 'Oakfield' },
      attachments: [expect.objectContaining({ id: attachmentId })],
    });
  });

  it('an admin sees no answers or files either (404)', async () => {
    await admin.get(`/tasks/${task.id}`).expect(404);
    await admin.get(`/tasks/${task.id}/attachments/${attachmentId}`).expect(404);
    await admin.put(`/tasks/${task.id}/answers`, { version: 2, answers: {} }).expect(404);
  });

  it('ids that are not uuids are 404, an attachment of another task is 404', async () => {
    await owner.get('/tasks/not-a-uuid').expect(404);
    const second = await delegate(t, delegationBody('owner@school.example'));
    await owner.get(`/tasks/${second.id}/attachments/${attachmentId}`).expect(404);
    await owner.delete(`/tasks/${second.id}/attachments/${attachmentId}`).expect(404);
    await owner.get(`/tasks/${task.id}/attachments/not-a-uuid`).expect(404);
  });

  it('no session is 401 unauthenticated on every professional route', async () => {
    for (const route of [...routes(), { method: 'get', path: '/tasks?view=to-complete' }]) {
      const r = await anonymous(route);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('unauthenticated');
    }
  });

  it('the integration key on a professional route is 401', async () => {
    for (const route of [...routes(), { method: 'get', path: '/tasks?view=to-complete' }]) {
      const r = await anonymous(route).set('Authorization', `Bearer ${INTEGRATION_KEY}`);
      expect(r.status).toBe(401);
    }
  });

  it('a session on an integration route is 401, even with the CSRF header', async () => {
    const attempts: ((c: PortalClient) => request.Test)[] = [
      (c) => c.get(`/integration/tasks/${task.externalRef}`),
      (c) => c.post('/integration/tasks', delegationBody('owner@school.example')),
      (c) => c.put('/integration/form-definitions/education-advice/versions/1', {}),
      (c) => c.post(`/integration/tasks/${task.externalRef}/withdraw`),
    ];
    // Integration routes ignore cookies: the 401 leaves the browser's session alone.
    const browser = await login(t, 'owner@school.example');
    for (const attempt of attempts) {
      const r = await attempt(browser).expect(401);
      expect(r.body.code).toBe('invalid_integration_key');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    await browser.get('/me').expect(200);
    await integration(t).get(`/integration/tasks/${task.externalRef}`).expect(200);
  });

  it('writes without the CSRF header are 403 csrf_failed and change nothing', async () => {
    const r = await owner.agent
      .put(`${API}/tasks/${task.id}/answers`)
      .send({ version: 2, answers: { setting: 'Forged' } })
      .expect(403);
    expect(r.body.code).toBe('csrf_failed');
    await owner.agent.delete(`${API}/tasks/${task.id}/attachments/${attachmentId}`).expect(403);
    await owner.agent.post(`${API}/tasks/${task.id}/attachments`).attach('file', pdf(), 'x.pdf').expect(403);
    expect((await owner.get(`/tasks/${task.id}`).expect(200)).body.answers).toEqual({ setting: 'Oakfield' });
  });
});
