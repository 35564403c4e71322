/**
 * Issue 23 at the API's edge: problem+json titles and details in Welsh when the signed-in account
 * prefers Welsh, or (no session) when Accept-Language asks for cy; codes, statuses and shapes the
 * same as in English, English by default. The answer validator's messages follow, with the form's
 * Welsh labels. And the registration code email in the language the person registered in.
 */
import request from 'supertest';
import { API, integration, registerAndLogin, registrationBody, type PortalClient } from '../support/portal-client';
import { sql } from '../support/sql';
import { delegate, healthContributionForm, healthDelegationBody } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The health contribution with Welsh labels on two of its questions, published as its own form. */
function bilingualHealthForm(): Record<string, any> {
  const form = healthContributionForm() as Record<string, any>;
  form.key = 'health-contribution-cy';
  const question = (id: string) => form.pages[0].questions.find((q: { id: string }) => q.id === id);
  question('role').cy = { label: 'Eich rôl' };
  question('lastSeen').cy = { label: 'Pryd welsoch chi’r plentyn ddiwethaf?' };
  return form;
}

describe('Problems in the reader’s language', () => {
  let t: TestApp;
  let welsh: PortalClient;
  let english: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    const form = bilingualHealthForm();
    await integration(t).put(`/integration/form-definitions/${form.key}/versions/${form.version}`, form).expect(201);
    welsh = await registerAndLogin(t, 'nyrs@bwrdd-iechyd.example', { language: 'cy' });
    english = await registerAndLogin(t, 'nurse@health.example');
  });
  afterAll(() => t.close());

  it('answers in English by default and in Welsh to Accept-Language: cy, with the same code and status', async () => {
    const body = { email: 'nobody@example.org', password: 'not the right password at all' };
    const plain = await request(t.url).post(`${API}/auth/login`).send(body).expect(401);
    expect(plain.body).toMatchObject({ code: 'invalid_credentials', title: 'The email address or password is incorrect' });
    expect(plain.headers['content-language']).toBe('en');

    const cy = await request(t.url).post(`${API}/auth/login`).set('Accept-Language', 'cy-GB, en;q=0.5').send(body).expect(401);
    expect(cy.headers['content-type']).toContain('application/problem+json');
    expect(cy.headers['content-language']).toBe('cy');
    expect(cy.body).toEqual({
      ...plain.body,
      title: 'Mae’r cyfeiriad e-bost neu’r cyfrinair yn anghywir',
      detail: 'Gwiriwch eich cyfeiriad e-bost a’ch cyfrinair a rhowch gynnig arall arni.',
    });
    // English preferred over Welsh: English.
    const en = await request(t.url).post(`${API}/auth/login`).set('Accept-Language', 'en;q=0.9, cy;q=0.5').send(body).expect(401);
    expect(en.body.title).toBe(plain.body.title);
  });

  it('fills the values into Welsh details', async () => {
    const weak = registrationBody('short@example.org', { password: 'short' });
    const r = await request(t.url).post(`${API}/registrations`).set('Accept-Language', 'cy').send(weak).expect(422);
    expect(r.body).toMatchObject({
      code: 'weak_password',
      title: 'Dewiswch gyfrinair cryfach',
      detail: 'Rhaid i’ch cyfrinair fod yn 12 nod o leiaf.',
    });
  });

  it('answers a Welsh account in Welsh whatever its browser says, and an English account in English', async () => {
    const missing = '/tasks/00000000-0000-4000-8000-000000000000';
    const cy = await welsh.get(missing).expect(404);
    expect(cy.body).toMatchObject({
      code: 'not_found',
      status: 404,
      title: 'Heb ei ganfod',
      detail: 'Nid oes tasg o’r fath, neu nid eich un chi yw hi.',
    });
    const en = await english.get(missing).set('Accept-Language', 'cy').expect(404);
    expect(en.body).toMatchObject({
      code: 'not_found',
      title: 'Not found',
      detail: 'There is no such task, or it is not yours.',
    });
  });

  it('lists the form’s problems in Welsh, with its Welsh labels, at the same places as in English', async () => {
    const forWelsh = await delegate(
      t,
      healthDelegationBody(welsh.email, { form: { key: 'health-contribution-cy', version: 1 } }),
    );
    const forEnglish = await delegate(
      t,
      healthDelegationBody(english.email, { form: { key: 'health-contribution-cy', version: 1 } }),
    );
    const cy = await welsh.post(`/tasks/${forWelsh.id}/submit`, { version: forWelsh.version }).expect(422);
    const en = await english.post(`/tasks/${forEnglish.id}/submit`, { version: forEnglish.version }).expect(422);
    expect(cy.body).toMatchObject({
      code: 'validation_failed',
      title: 'Nid yw’r ffurflen yn barod i’w chyflwyno',
      detail: 'Atebwch neu cywirwch y cwestiynau a restrir, yna cyflwynwch eto. Ni chyflwynwyd dim.',
    });
    const places = (errors: Record<string, unknown>[]) => errors.map(({ message: _m, ...place }) => place);
    expect(places(cy.body.errors)).toEqual(places(en.body.errors));
    const messages = cy.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toContain('Dewiswch ateb i “Eich rôl”');
    expect(messages).toContain('Rhowch ateb i “Pryd welsoch chi’r plentyn ddiwethaf?”');
    // No Welsh label on this question: Welsh wording around its English label.
    expect(messages).toContain('Dewiswch ateb i “Do you have any health concerns?”');
    expect(en.body.errors.map((e: { message: string }) => e.message)).toContain('Select your role');

    // The page check (200, not a problem) speaks the account's language too.
    const check = await welsh.post(`/tasks/${forWelsh.id}/validate`, {}).expect(200);
    expect(check.body.errors.map((e: { message: string }) => e.message)).toEqual(messages);

    // A draft refused as a whole: the same.
    const bad = await welsh
      .put(`/tasks/${forWelsh.id}/answers`, { version: forWelsh.version, answers: { lastSeen: '2026-02-30' } })
      .expect(422);
    expect(bad.body).toMatchObject({
      code: 'invalid_answers',
      title: 'Nid yw rhai atebion yn ddilys',
      detail: 'Ni chadwyd dim.',
    });
    expect(bad.body.errors[0].message).toBe('Rhaid i’r ateb i “Pryd welsoch chi’r plentyn ddiwethaf?” fod yn ddyddiad go iawn');
  });
});

describe('The registration code email in the language registered in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('writes it in Welsh for `language: cy`, and the account starts in Welsh', async () => {
    const since = t.mail.mark();
    const email = 'gweithiwr@cyngor.example';
    const start = await request(t.url)
      .post(`${API}/registrations`)
      .send(registrationBody(email, { language: 'cy' }))
      .expect(202);
    const first = await t.mail.waitForMail(email, 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol', since);
    expect(first.text).toContain('Neges awtomatig yw hon');

    const code = await t.mail.codeFor(email, since);
    await request(t.url).post(`${API}/registrations/${start.body.registrationId}/verify`).send({ code }).expect(201);
    const rows = await sql(t, `SELECT preferred_language FROM accounts WHERE email = '${email}'`);
    expect(rows[0].preferred_language).toBe('cy');
  });

  it('takes Accept-Language when the body does not say, English otherwise; refuses a language it does not speak', async () => {
    const since = t.mail.mark();
    await request(t.url)
      .post(`${API}/registrations`)
      .set('Accept-Language', 'cy')
      .send(registrationBody('arall@cyngor.example'))
      .expect(202);
    await t.mail.waitForMail('arall@cyngor.example', 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol', since);
    await request(t.url).post(`${API}/registrations`).send(registrationBody('other@council.example')).expect(202);
    await t.mail.waitForMail('other@council.example', 'Your Professional Portal verification code', since);
    const r = await request(t.url)
      .post(`${API}/registrations`)
      .send(registrationBody('fr@council.example', { language: 'fr' }))
      .expect(400);
    expect(r.body.code).toBe('invalid_request');
  });

  it('resends the code in the registration’s language', async () => {
    const email = 'ailanfon@cyngor.example';
    const start = await request(t.url)
      .post(`${API}/registrations`)
      .send(registrationBody(email, { language: 'cy' }))
      .expect(202);
    // Resends wait a minute: move the registration's last send back rather than wait.
    await sql(
      t,
      `UPDATE registrations SET code_sent_at = code_sent_at - interval '2 minutes' WHERE id = '${start.body.registrationId}'`,
    );
    const since = t.mail.mark();
    await request(t.url).post(`${API}/registrations/${start.body.registrationId}/resend`).expect(202);
    await t.mail.waitForMail(email, 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol', since);
  });
});
