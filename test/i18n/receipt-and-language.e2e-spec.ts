/**
 * Issue 23 through the HTTP surface: the account's preferredLanguage (GET/PATCH /me), the receipt
 * email after every submission (in the submitter's language, through the mail outbox, with nothing
 * about the child), and the PDFs in that language.
 */
import request from 'supertest';
import { sql } from '../support/sql';
import { API, PortalClient, registerAndLogin } from '../support/portal-client';
import { pdfFacts } from '../support/pdf-structure';
import { pdfText } from '../support/pdf-text';
import { publishSampleForms } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { downloadPdf, readyEducationTask, readyHealthTask, submit } from '../submissions/support/submission-fixtures';

describe('Language and receipts', () => {
  let t: TestApp;
  let english: PortalClient;
  let welsh: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    english = await registerAndLogin(t, 'senco@oakfield.example', { firstName: 'Priya', lastName: 'Shah' });
    welsh = await registerAndLogin(t, 'athro@ysgol.example', { firstName: 'Siôn', lastName: 'Llŷr' });
  });
  afterAll(() => t.close());

  it('keeps the chosen language on the account: English by default, Welsh once chosen', async () => {
    expect((await english.get('/me').expect(200)).body.preferredLanguage).toBe('en');
    const patched = await welsh.patch('/me', { preferredLanguage: 'cy' }).expect(200);
    expect(patched.body.preferredLanguage).toBe('cy');
    expect((await welsh.get('/me').expect(200)).body.preferredLanguage).toBe('cy');
    const rows = await sql(t, `SELECT preferred_language FROM accounts WHERE email = 'athro@ysgol.example'`);
    expect(rows[0].preferred_language).toBe('cy');
  });

  it('refuses a language it does not speak with 400 and keeps the old one', async () => {
    const r = await welsh.patch('/me', { preferredLanguage: 'fr' }).expect(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await welsh.get('/me').expect(200)).body.preferredLanguage).toBe('cy');
  });

  it('sends a receipt after a submission: form, reference, time, files, until when, nothing about the child', async () => {
    const task = await readyEducationTask(t, english);
    const since = t.mail.messages.length;
    const receipt = await submit(english, task).expect(202);
    const mail = await t.mail.waitForMail(english.email, 'Your contribution has been submitted', since);
    expect(mail.text).toContain('Form: Education advice for an EHC needs assessment');
    expect(mail.text).toContain(`Reference: ${receipt.body.submissionId}`);
    expect(mail.text).toMatch(/Submitted: \d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d/);
    // File names are what a person typed: written inert (a dot between letters as a one-dot
    // leader, so no mail client makes a link of them), as every typed value in the emails.
    expect(mail.text).toContain('- annual-review\u2024pdf');
    expect(mail.text).toContain('- support-plan\u2024docx');
    expect(mail.text).toMatch(/until \d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d/);
    // No child's details, no answers: as the delegation emails.
    for (const secret of ['Amelia', 'Hart', 'Oakfield Primary School', 'Reads fluently', task.externalRef]) {
      expect(mail.text).not.toContain(secret);
    }
  });

  it('writes the delegation email, the receipt and the PDFs in Welsh for a Welsh-speaking professional', async () => {
    const delegatedSince = t.mail.messages.length;
    const task = await readyHealthTask(t, welsh);
    const delegated = await t.mail.waitForMail(welsh.email, 'Mae ffurflen newydd wedi’i dirprwyo i chi', delegatedSince);
    expect(delegated.text).toMatch(/erbyn \d\d-[A-Z][a-z]+-\d{4}/);
    expect(delegated.text).toContain('Neges awtomatig yw hon');
    const draft = await downloadPdf(welsh, task.id);
    const draftText = pdfText(draft.body as Buffer);
    expect(draftText).toContain('DRAFFT – heb ei gyflwyno');
    expect(pdfFacts(draft.body as Buffer).language).toBe('cy-GB');

    const since = t.mail.messages.length;
    await submit(welsh, task).expect(202);
    const mail = await t.mail.waitForMail(welsh.email, 'Mae eich cyfraniad wedi’i gyflwyno', since);
    expect(mail.text).toContain('Ffurflen: Health contribution to a child protection conference');
    expect(mail.text).toContain('Ffeiliau a anfonwyd gydag ef: dim');
    expect(mail.text).toMatch(/Cyflwynwyd: \d\d-[A-Z][a-z]+-\d{4} \d\d:\d\d/);

    const submitted = await downloadPdf(welsh, task.id);
    const text = pdfText(submitted.body as Buffer);
    expect(text).toContain('Statws Wedi’i gyflwyno');
    expect(text).not.toMatch(/draft|drafft/i);
  });

  it('writes every other email in the account’s language too: the lock notice in Welsh, its time with Welsh months', async () => {
    // `welsh` chose Welsh above; any email the portal sends that person follows the account's choice.
    const since = t.mail.messages.length;
    for (let i = 0; i < 10; i++) {
      await request(t.url).post(`${API}/auth/login`).send({ email: welsh.email, password: `anghywir ${i}` }).expect(401);
    }
    const notice = await t.mail.waitForMail(welsh.email, 'Mae eich cyfrif ar y Porth Gweithwyr Proffesiynol wedi’i gloi', since);
    expect(notice.text).toMatch(/Bydd yn datgloi am \d\d-(Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag)-\d{4} \d\d:\d\d\./);
    expect(notice.text).toContain('Neges awtomatig yw hon');
    expect(notice.text).not.toContain('Professional Portal account');
  });
});
