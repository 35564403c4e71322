/**
 * The accessibility statement and the privacy notice (issue 23): public, in English and Welsh,
 * with the council's name, helpdesk and dates filled in; a council's own copy wins over the default.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

describe('Public pages', () => {
  let t: TestApp;
  const own = mkdtempSync(join(tmpdir(), 'public-pages-'));

  beforeAll(async () => {
    writeFileSync(
      join(own, 'privacy-notice.en.md'),
      '---\ntitle: Our privacy notice\nreviewed: 2027-01-15\n---\nWe are {{councilName}}. <script>alert(1)</script>\n\nPhone: {{supportPhone}}\n\nReviewed {{reviewed}}.\n',
    );
    t = await startTestApp({
      env: {
        COUNCIL_NAME: 'Cyngor Sir Ynys Môn',
        SUPPORT_EMAIL: 'help@ynysmon.example',
        SUPPORT_HOURS: 'Mon-Fri 9-5',
        PUBLIC_PAGES_DIR: own,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(own, { recursive: true, force: true });
  });

  it('serves the accessibility statement without a session, with the council filled in', async () => {
    const r = await t.http().get(`${API}/pages/accessibility-statement`).expect(200);
    expect(r.body).toMatchObject({ slug: 'accessibility-statement', language: 'en', reviewed: '2026-12-06' });
    expect(r.body.title).toBe('Accessibility statement for the Professional Portal');
    expect(r.body.html).toContain('run by Cyngor Sir Ynys Môn');
    expect(r.body.html).toContain('help@ynysmon.example');
    expect(r.body.html).toContain('Mon-Fri 9-5');
    expect(r.body.html).toContain('<h2>How we tested this service</h2>');
    expect(r.body.html).toContain('06-Dec-2026');
    // No helpdesk phone configured: its line is left out rather than shown empty.
    expect(r.body.html).not.toContain('telephone:');
    expect(r.body.html).not.toContain('{{');
  });

  it('serves it in Welsh, dates in Welsh', async () => {
    const r = await t.http().get(`${API}/pages/accessibility-statement?lang=cy`).expect(200);
    expect(r.body.language).toBe('cy');
    expect(r.body.title).toBe('Datganiad hygyrchedd ar gyfer y Porth Gweithwyr Proffesiynol');
    expect(r.body.html).toContain('a redir gan Cyngor Sir Ynys Môn');
    expect(r.body.html).toContain('06-Rhag-2026');
  });

  it("uses the council's own file when it has one, and shows markup in it as text", async () => {
    const r = await t.http().get(`${API}/pages/privacy-notice`).expect(200);
    expect(r.body.title).toBe('Our privacy notice');
    expect(r.body.html).toContain('We are Cyngor Sir Ynys Môn.');
    expect(r.body.html).toContain('&lt;script&gt;');
    expect(r.body.html).not.toContain('<script>');
    expect(r.body.html).not.toContain('Phone:');
    expect(r.body.html).toContain('Reviewed 15-Jan-2027.');
    // Its Welsh file it does not have: the default Welsh notice.
    const cy = await t.http().get(`${API}/pages/privacy-notice?lang=cy`).expect(200);
    expect(cy.body.title).toContain('Hysbysiad preifatrwydd');
  });

  it('answers 404 problem+json for any other page', async () => {
    const r = await t.http().get(`${API}/pages/..%2F..%2Fpackage.json`).expect(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    await t.http().get(`${API}/pages/terms`).expect(404);
  });
});
