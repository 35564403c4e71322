import { EMAILS, EmailName } from '../application/emails';
import { HandlebarsEmailRenderer } from './handlebars-email-renderer';

const PORTAL = {
  publicUrl: 'https://portal.example',
  councilName: 'Exampleshire <Children> & "Families"',
  supportEmail: 'help@council.example',
};
const HOSTILE = '<script>alert("x")</script> & \'quoted\'';

function contextFor(name: EmailName, value: (key: string) => string): Record<string, string> {
  const context: Record<string, string> = { ...PORTAL };
  for (const key of EMAILS[name].values) context[key] = value(key);
  return context;
}

describe('HandlebarsEmailRenderer (the template files)', () => {
  const renderer = new HandlebarsEmailRenderer();
  const names = Object.keys(EMAILS) as EmailName[];
  const valueOf = (key: string) => (key === 'dueDate' ? '2026-12-18' : HOSTILE);

  it.each(names)('%s: the HTML alternative escapes every value; the plain text keeps it as written', (name) => {
    const { text, html } = renderer.render(name, contextFor(name, valueOf));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<Children>');
    expect(html).toContain('&lt;Children&gt; &amp; &quot;Families&quot;');
    if (EMAILS[name].values.some((k) => k !== 'dueDate'))
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain('Exampleshire <Children> & "Families"');
    if (EMAILS[name].values.some((k) => k !== 'dueDate')) expect(text).toContain(HOSTILE);
    if (EMAILS[name].values.includes('dueDate' as never)) {
      expect(text).toContain('18-Dec-2026');
      expect(html).toContain('18-Dec-2026');
    }
    expect(text).toContain('This is an automated message: please do not reply to it.');
    expect(text.endsWith('\n')).toBe(false);
    expect(html).toMatch(/^<!DOCTYPE html>/);
  });

  it('gives the verification code email exactly as API.md words it', () => {
    const { text } = renderer.render('verificationCode', { ...PORTAL, code: '12345678' });
    expect(text).toBe(
      [
        'Your Professional Portal verification code is:',
        '',
        '12345678',
        '',
        'The code is valid for 10 minutes and can be used once.',
        'If you did not ask for a code, you can ignore this email.',
        'If you are waiting for one of our emails, check your Junk or Spam folder.',
        '',
        'If you need help, contact help@council.example.',
        '',
        'Exampleshire <Children> & "Families"',
        '',
        'This is an automated message: please do not reply to it.',
      ].join('\n'),
    );
  });

  it('refuses to render an email without a value its template names (strict), rather than send a blank', () => {
    expect(() => renderer.render('taskDelegatedToGroup', { ...PORTAL, dueDate: '2026-12-18' })).toThrow(/groupName/);
  });
});

describe('HandlebarsEmailRenderer in Welsh (issue 23)', () => {
  const renderer = new HandlebarsEmailRenderer();
  const receipt = {
    ...PORTAL,
    timeZone: 'Europe/London',
    formTitle: 'Cyfraniad iechyd',
    reference: 'sub-1',
    submittedAt: '2026-10-05T09:30:00.000Z',
    files: 'adroddiad.pdf\ncynllun <1>.docx',
    availableUntil: '2026-11-04T09:30:00.000Z',
  };

  it('writes the receipt in Welsh with Welsh dates in the portal time zone, every file listed', () => {
    const { text, html } = renderer.render('contributionSubmitted', receipt, 'cy');
    expect(text).toContain('Mae eich cyfraniad wedi’i gyflwyno');
    expect(text).toContain('Cyflwynwyd: 05-Hyd-2026 10:30');
    expect(text).toContain('- adroddiad\u2024pdf\n- cynllun <1>.docx');
    expect(text).toContain('tan 04-Tach-2026 09:30');
    expect(text).toContain('Neges awtomatig yw hon');
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<li>cynllun &lt;1&gt;.docx</li>');
  });

  it('writes it in English by default, and says when no file was sent', () => {
    const { text } = renderer.render('contributionSubmitted', { ...receipt, files: '' });
    expect(text).toContain('Submitted: 05-Oct-2026 10:30');
    expect(text).toContain('Files sent with it: none');
  });

  it('writes every email in Welsh for a Welsh reader, with Welsh dates and links', () => {
    const values: Record<string, string> = {
      code: '123456',
      unlocksAt: '2026-10-05T09:30:00Z',
      dueDate: '2026-10-05',
      groupName: 'Tîm Gogledd',
      byName: 'Gwŷn Jones',
      change: 'y dyddiad',
      formTitle: 'Ffurflen',
      reference: 'ref',
      submittedAt: '2026-10-05T09:30:00Z',
      files: '',
      availableUntil: '2026-11-04T09:30:00Z',
    };
    for (const name of Object.keys(EMAILS) as EmailName[]) {
      const { text, html } = renderer.render(name, { ...PORTAL, ...values }, 'cy');
      expect([name, text]).toEqual([name, expect.stringContaining('Neges awtomatig yw hon')]);
      expect([name, text]).not.toEqual([name, expect.stringMatching(/Log in|Please|Professional Portal/)]);
      expect([name, html]).toEqual([name, expect.stringContaining('<html lang="cy">')]);
      if ((EMAILS[name].values as readonly string[]).includes('dueDate')) expect(text).toContain('05-Hyd-2026');
    }
  });
});
