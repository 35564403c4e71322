import request from 'supertest';
import { API, integration, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { educationAdviceForm, healthContributionForm } from '../support/task-fixtures';

/** Reverses key order at every level: the same definition, written differently. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  }
  return value;
}

describe('Publishing form definitions (integration API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('publishes both sample forms (201), and the same content again is 200 even with keys in another order', async () => {
    for (const form of [educationAdviceForm(), healthContributionForm()]) {
      const path = `/integration/form-definitions/${form.key}/versions/${form.version}`;
      const first = await integration(t).put(path, form).expect(201);
      expect(first.body).toEqual({ key: form.key, version: 1, title: form.title, publishedAt: expect.any(String) });
      const again = await integration(t).put(path, form).expect(200);
      expect(again.body.publishedAt).toBe(first.body.publishedAt);
      const shuffled = await integration(t).put(path, reordered(form)).expect(200);
      expect(shuffled.body.publishedAt).toBe(first.body.publishedAt);
    }
  });

  it('refuses different content for a published version: 409 definition_conflict, and keeps the original', async () => {
    const form = educationAdviceForm();
    const path = `/integration/form-definitions/${form.key}/versions/1`;
    await integration(t)
      .put(path, form)
      .expect((r) => expect([200, 201]).toContain(r.status));
    const changed = { ...form, title: 'Education advice (changed)' };
    const r = await integration(t).put(path, changed).expect(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('definition_conflict');
    // A new version is fine.
    await integration(t)
      .put(`/integration/form-definitions/${form.key}/versions/2`, { ...changed, version: 2 })
      .expect(201);
    const original = await integration(t).put(path, form).expect(200);
    expect(original.body.title).toBe(form.title);
  });

  describe('refuses invalid definitions with 422 invalid_definition and the paths of every problem', () => {
    const cases: [string, (f: any) => unknown, string][] = [
      ['an unknown question type', (f) => ((f.pages[0].questions[3].type = 'essay'), f), 'pages[0].questions[3].type'],
      ['a duplicate question id', (f) => ((f.pages[1].questions[0].id = 'setting'), f), 'pages[1].questions[0].id'],
      ['a choice question without options', (f) => (delete f.pages[0].questions[5].options, f), 'pages[0].questions[5].options'],
      [
        'a showIf pointing to an unknown question',
        (f) => ((f.pages[1].questions[1].showIf.questionId = 'nope'), f),
        'pages[1].questions[1].showIf.questionId',
      ],
      ['a table without columns', (f) => ((f.pages[1].questions[2].columns = []), f), 'pages[1].questions[2].columns'],
      ['impossible row limits', (f) => ((f.pages[2].questions[2].minRows = 30), f), 'pages[2].questions[2].minRows'],
      ['a missing title', (f) => (delete f.title, f), 'title'],
      ['a key that differs from the address', (f) => ((f.key = 'other-form'), f), 'key'],
      ['a version that differs from the address', (f) => ((f.version = 3), f), 'version'],
      ['not an object at all', () => ['a', 'list'], ''],
    ];
    it.each(cases)('%s', async (_label, mutate, path) => {
      const body = mutate(educationAdviceForm());
      const r = await integration(t).put('/integration/form-definitions/education-advice/versions/7', body).expect(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.code).toBe('invalid_definition');
      expect(r.body.errors).toEqual(expect.arrayContaining([{ path, message: expect.any(String) }]));
    });

    it('a version in the address that is not a whole number', async () => {
      const r = await integration(t)
        .put('/integration/form-definitions/education-advice/versions/one', educationAdviceForm())
        .expect(422);
      expect(r.body.errors).toEqual(expect.arrayContaining([{ path: 'version', message: expect.any(String) }]));
    });

    it('nothing was published by the refusals', async () => {
      await integration(t)
        .put('/integration/form-definitions/education-advice/versions/7', { ...educationAdviceForm(), version: 7 })
        .expect(201);
    });
  });

  it('needs the integration key: none, a wrong one, or a session are 401', async () => {
    const path = `${API}/integration/form-definitions/education-advice/versions/1`;
    const form = educationAdviceForm();
    const none = await request(t.url).put(path).send(form).expect(401);
    expect(none.body.code).toBe('invalid_integration_key');
    expect(none.headers['set-cookie']).toBeUndefined();
    await request(t.url).put(path).set('Authorization', 'Bearer wrong-key-0123456789abcdef').send(form).expect(401);
    const professional = await registerAndLogin(t, 'publisher@school.example');
    await professional.put('/integration/form-definitions/education-advice/versions/1', form).expect(401);
  });
});
