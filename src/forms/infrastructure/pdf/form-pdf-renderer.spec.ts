/**
 * The PDF renderer, checked through the text layer as `pdftotext -layout` lays it out (what the case
 * system indexes), read with pdfjs-dist (test/support/pdf-text.ts) so no system package is needed,
 * on the two sample forms. Fidelity in every script, tags and language: form-pdf-fidelity.spec.ts.
 */
import type { Answers, FormDefinition } from '../../../../libs/form-schema/src';
import {
  copyJson,
  educationAdvice,
  educationAnswers,
  healthAnswers,
  healthContribution,
} from '../../../../libs/form-schema/test-fixtures/sample-forms';
import { pdfInfo, pdfText } from '../../../../test/support/pdf-text';
import { DRAFT_HEADER, NOT_ANSWERED, NOT_PROVIDED, formatSize, renderFormPdf } from './form-pdf-renderer';
import type { FormPdfInput } from './form-pdf-renderer';

function pages(text: string): string[] {
  return text.split('\f').filter((page) => page.trim() !== '');
}

/** The text of the lines, each with surrounding blanks trimmed and inner runs of blanks reduced to one. */
function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

const EDUCATION_PREFILL = { childName: 'Amelia Hart', dateOfBirth: '2015-03-02', caseWorker: 'Sam Okafor' };
const HEALTH_PREFILL = { childName: 'Noah Price', conferenceDate: '2026-12-01' };

function educationInput(overrides: Partial<FormPdfInput> = {}): FormPdfInput {
  return {
    definition: educationAdvice,
    answers: educationAnswers() as Answers,
    prefill: { ...EDUCATION_PREFILL },
    subject: { reference: 'EHC-2026-0042', displayName: 'Amelia Hart' },
    status: 'draft',
    attachments: [
      { filename: 'annual-review-2025.pdf', size: 245_760, contentType: 'application/pdf' },
      {
        filename: 'IEP summary.docx',
        size: 2_621_440,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ],
    councilName: 'Children and Families Services',
    generatedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

function healthInput(overrides: Partial<FormPdfInput> = {}): FormPdfInput {
  return {
    definition: healthContribution,
    answers: healthAnswers() as Answers,
    prefill: { ...HEALTH_PREFILL },
    subject: { reference: 'CP-2026-0107', displayName: 'Noah Price' },
    status: 'submitted',
    submittedAt: '2026-11-28T10:15:00.000Z',
    submittedBy: { name: 'Dr Jo Bloggs', organisation: 'Riverside NHS Trust', email: 'jo.bloggs@nhs.example' },
    attachments: [],
    councilName: 'Children and Families Services',
    generatedAt: '2026-11-28T10:15:00.000Z',
    ...overrides,
  };
}

/** About 20 KB of answers to the education form, at its limits: long text, 20 table rows. */
function largeEducationAnswers(): Answers {
  const sentence = 'She reads fluently, enjoys drawing and works well in small groups with adult support. ';
  const answers = educationAnswers() as Answers;
  answers.strengths = `${sentence.repeat(45)}\n\n${sentence.repeat(45)}`.slice(0, 8000);
  answers.outcomes = `${'To join in whole-class lessons for longer periods, with less adult prompting. '.repeat(100)}`.slice(
    0,
    8000,
  );
  answers.support = Array.from({ length: 20 }, (_, i) => ({
    provision: `Provision ${i + 1}: ${'one-to-one reading and phonics support with a teaching assistant '.repeat(2)}`.trim(),
    hoursPerWeek: String((i % 5) + 1),
    startDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-06`,
    impact: ['high', 'some', 'none'][i % 3],
  }));
  answers.exclusions = Array.from({ length: 10 }, (_, i) => ({
    date: `2025-10-${String(i + 10)}`,
    days: String(i + 1),
    kind: i % 4 === 0 ? 'permanent' : 'suspension',
  }));
  return answers;
}

describe('renderFormPdf', () => {
  it('returns a PDF', async () => {
    const pdf = await renderFormPdf(educationInput());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('renders the same bytes for the same input (creation date taken from generatedAt)', async () => {
    const first = await renderFormPdf(educationInput());
    const second = await renderFormPdf(educationInput());
    expect(first.equals(second)).toBe(true);
    const later = await renderFormPdf(educationInput({ generatedAt: '2026-11-29T10:00:00.000Z' }));
    expect(later.equals(first)).toBe(false);
  });

  it('rejects a generatedAt that is not an instant', async () => {
    await expect(renderFormPdf(educationInput({ generatedAt: 'yesterday' }))).rejects.toThrow(RangeError);
  });

  it('keeps personal data out of the unencrypted parts of the file (metadata)', async () => {
    const raw = (await renderFormPdf(healthInput())).toString('latin1');
    for (const personal of ['Noah Price', 'Dr Jo Bloggs', 'jo.bloggs@nhs.example', 'Riverside']) {
      expect(raw).not.toContain(personal);
    }
  });

  // Speed is measured by `npm run bench`, never asserted in tests.
  it('renders a 20 KB answer set completely', async () => {
    const answers = largeEducationAnswers();
    expect(JSON.stringify(answers).length).toBeGreaterThanOrEqual(20_000);
    const pdf = await renderFormPdf(educationInput({ answers }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 bytes'],
    [512, '512 bytes'],
    [1024, '1 KB'],
    [245_760, '240 KB'],
    [2_621_440, '2.5 MB'],
    [-1, 'unknown size'],
  ])('%d bytes → %s', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });
});

describe('renderFormPdf, read back through the text layer', () => {
  describe('education advice, draft', () => {
    let text: string;
    let textLines: string[];
    beforeAll(async () => {
      text = await pdfText(await renderFormPdf(educationInput()));
      textLines = lines(text);
    });

    it('shows the form title and the subject', () => {
      expect(text).toContain('Education advice for an EHC needs assessment');
      expect(textLines).toContain('Subject Amelia Hart');
      expect(textLines).toContain('Reference EHC-2026-0042');
    });

    it('shows every page as a heading and every visible question label, in form order', () => {
      const expected = [
        'About the child or young person',
        "Child or young person's name",
        'Date of birth',
        'Case worker',
        'Name of educational setting',
        'Date started at this setting',
        'Current key stage',
        'Attendance',
        'How would you describe attendance this year?',
        'Exclusions this academic year',
        'Needs and support',
        'Areas of need',
        "What are the child's strengths?",
        'Support currently in place',
        'What outcomes would you hope to see in the next year?',
        'Supporting documents',
      ];
      const positions = expected.map((label) => textLines.indexOf(label));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('shows read-only questions with their prefill values, dates as DD-Mon-YYYY', () => {
      const after = (label: string): string => textLines[textLines.indexOf(label) + 1];
      expect(after("Child or young person's name")).toBe('Amelia Hart');
      expect(after('Date of birth')).toBe('02-Mar-2015');
      expect(after('Case worker')).toBe('Sam Okafor');
    });

    it('shows answers: text, dates, option labels rather than values', () => {
      const after = (label: string): string => textLines[textLines.indexOf(label) + 1];
      expect(after('Name of educational setting')).toBe('Oakfield Primary School');
      expect(after('Date started at this setting')).toBe('01-Sep-2021');
      expect(after('Current key stage')).toBe('Key stage 2');
      expect(after('How would you describe attendance this year?')).toBe('Good (95% or more)');
      expect(after("What are the child's strengths?")).toBe('Enjoys reading and art.');
      expect(text).not.toMatch(/\bks2\b/);
      expect(text).not.toContain('2021-09-01');
    });

    it('lists ticked checkboxes one per line, by label', () => {
      const start = textLines.indexOf('Areas of need');
      expect(textLines.slice(start + 1, start + 3)).toEqual([
        '• Cognition and learning',
        '• Social, emotional and mental health',
      ]);
      expect(text).not.toContain('Communication and interaction');
    });

    it('renders tables with a header row of column labels and one line per row', () => {
      expect(textLines).toContain('Date Number of days Type');
      expect(textLines).toContain('03-Nov-2025 2 Suspension');
      expect(textLines).toContain('Provision Hours per week Start date Impact');
      expect(textLines).toContain('Speech and language therapy 1 06-Jan-2025 Some');
      expect(textLines).toContain('Small-group literacy High');
    });

    it('shows unanswered questions as "Not answered"', () => {
      const start = textLines.indexOf('What outcomes would you hope to see in the next year?');
      expect(textLines[start + 1]).toBe(NOT_ANSWERED);
    });

    it('lists the attachments with their sizes', () => {
      expect(textLines).toContain('• annual-review-2025.pdf (240 KB)');
      expect(textLines).toContain('• IEP summary.docx (2.5 MB)');
    });

    it('is marked DRAFT on every page and numbered', () => {
      const all = pages(text);
      expect(all.length).toBeGreaterThanOrEqual(1);
      all.forEach((page, i) => {
        expect(page).toContain(DRAFT_HEADER);
        expect(page).toContain(`Page ${i + 1} of ${all.length}`);
        expect(page).toContain('Generated 28-Nov-2026 10:00');
      });
      expect(text).toContain('Page 1 of');
      expect(text).not.toContain('Submitted by');
    });
  });

  describe('health contribution, submitted', () => {
    let text: string;
    let textLines: string[];
    beforeAll(async () => {
      text = await pdfText(await renderFormPdf(healthInput()));
      textLines = lines(text);
    });

    it('shows the title, subject, answers and table', () => {
      // The title may wrap.
      expect(text.replace(/\n/g, ' ')).toContain('Health contribution to a child protection conference');
      expect(textLines).toContain('Subject Noah Price');
      expect(textLines).toContain('Reference CP-2026-0107');
      const after = (label: string): string => textLines[textLines.indexOf(label) + 1];
      expect(after("Child's name")).toBe('Noah Price');
      expect(after('Conference date')).toBe('01-Dec-2026');
      expect(after('Your role')).toBe('School nurse');
      expect(after('When did you last see the child?')).toBe('05-Oct-2026');
      expect(after('Do you have any health concerns?')).toBe('Yes');
      expect(after('Describe your concerns')).toBe('Missed two immunisation appointments.');
      expect(textLines).toContain('Date Service');
      expect(textLines).toContain('14-Mar-2026 Immunisation clinic');
      expect(text).not.toContain('school-nurse');
    });

    it('has no DRAFT marking at all', () => {
      expect(text).not.toMatch(/draft/i);
    });

    it('shows who submitted it and when', () => {
      expect(textLines).toContain('Status Submitted');
      expect(textLines).toContain('Submitted on 28-Nov-2026 10:15');
      const start = textLines.indexOf('Submitted by Dr Jo Bloggs');
      expect(start).toBeGreaterThan(-1);
      expect(textLines.slice(start + 1, start + 3)).toEqual(['Riverside NHS Trust', 'jo.bloggs@nhs.example']);
      expect(text).toContain('Page 1 of 1');
    });

    it('writes the submission time in the portal time zone', async () => {
      const summer = await pdfText(
        await renderFormPdf(healthInput({ submittedAt: '2026-07-01T09:30:00.000Z', generatedAt: '2026-07-01T09:30:00.000Z' })),
      );
      expect(lines(summer)).toContain('Submitted on 01-Jul-2026 10:30');
    });

    it('has no attachments section for a form without attachments', () => {
      expect(text).not.toContain('Supporting documents');
    });
  });

  describe('questions hidden by showIf', () => {
    it('leaves out hidden questions and their answers', async () => {
      const answers = { ...healthAnswers(), concerns: 'no', concernDetails: 'HIDDEN-CONCERN-DETAIL' } as Answers;
      const text = await pdfText(await renderFormPdf(healthInput({ answers })));
      expect(text).not.toContain('HIDDEN-CONCERN-DETAIL');
      expect(text).not.toContain('Describe your concerns');
      expect(lines(text)).toContain('No');
    });

    it('shows them once the controlling answer matches', async () => {
      const shown = { ...educationAnswers(), attendanceLevel: 'poor', absenceReasons: 'Anxiety about travel.' } as Answers;
      const hidden = { ...educationAnswers(), attendanceLevel: 'good', absenceReasons: 'Anxiety about travel.' } as Answers;
      const shownText = lines(await pdfText(await renderFormPdf(educationInput({ answers: shown }))));
      const hiddenText = await pdfText(await renderFormPdf(educationInput({ answers: hidden })));
      const at = shownText.indexOf('What are the main reasons for absence?');
      expect(at).toBeGreaterThan(-1);
      expect(shownText[at + 1]).toBe('Anxiety about travel.');
      expect(hiddenText).not.toContain('Anxiety about travel.');
      expect(hiddenText).not.toContain('What are the main reasons for absence?');
    });
  });

  it('shows an empty draft as not answered / not provided throughout', async () => {
    const text = await pdfText(await renderFormPdf(educationInput({ answers: {}, prefill: {}, attachments: [] })));
    // setting, startedAtSetting, keyStage, attendanceLevel, exclusions, areasOfNeed, strengths, support,
    // outcomes; absenceReasons is hidden while attendance is unanswered.
    expect(count(text, NOT_ANSWERED)).toBe(9);
    expect(count(text, NOT_PROVIDED)).toBe(3);
    expect(text).toContain('No documents attached');
  });

  it('treats malformed answers as not answered instead of failing', async () => {
    const answers = {
      setting: ['not', 'text'],
      support: 'not rows',
      areasOfNeed: 'cognition',
      keyStage: 42,
    } as unknown as Answers;
    const text = await pdfText(await renderFormPdf(educationInput({ answers })));
    expect(count(text, NOT_ANSWERED)).toBeGreaterThanOrEqual(5);
  });

  it('wraps long text without losing a word and keeps paragraphs', async () => {
    const words = Array.from({ length: 1200 }, (_, i) => `w${String(i).padStart(4, '0')}`);
    const strengths = `First paragraph.\n\n${words.join(' ')}\nLast line after a single break.`;
    const text = await pdfText(await renderFormPdf(educationInput({ answers: { ...educationAnswers(), strengths } as Answers })));
    const textLines = lines(text);
    const first = textLines.indexOf('First paragraph.');
    expect(first).toBeGreaterThan(-1);
    expect(textLines[first + 1]).toBe('');
    expect(textLines[first + 2].startsWith('w0000 w0001')).toBe(true);
    expect(textLines).toContain('Last line after a single break.');
    const found = text.match(/\bw\d{4}\b/g) ?? [];
    expect(found).toEqual(words);
    // Wrapped to the page: no line of the answer runs into the margin.
    const widest = Math.max(
      ...text
        .split('\n')
        .filter((line) => /\bw\d{4}\b/.test(line))
        .map((line) => line.trim().length),
    );
    expect(widest).toBeLessThan(110);
  });

  it('breaks a word longer than a line', async () => {
    const word = 'x'.repeat(600);
    const text = await pdfText(
      await renderFormPdf(educationInput({ answers: { ...educationAnswers(), strengths: word } as Answers })),
    );
    const xs = text.split('\n').filter((line) => /^x+$/.test(line.trim()));
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.map((line) => line.trim()).join('')).toBe(word);
  });

  it('continues a long table over pages, repeating the header row', async () => {
    const appointments = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-0${(i % 9) + 1}-1${i % 10}`,
      service:
        `Service ${String(i + 1).padStart(2, '0')} ${'community paediatric clinic follow-up appointment '.repeat(3)}`.trim(),
    }));
    const answers = { ...healthAnswers(), appointments } as Answers;
    const text = await pdfText(await renderFormPdf(healthInput({ answers })));
    const all = pages(text);
    expect(all.length).toBeGreaterThanOrEqual(2);
    all.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${all.length}`));
    // Every page the table is on starts it with the header row; continuation pages say so.
    const tablePages = all.filter((page) => /Service \d\d/.test(page));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(lines(page)).toContain('Date Service');
    for (const page of tablePages.slice(1)) {
      expect(lines(page)).toContain('Missed appointments in the last 12 months (continued)');
    }
    // Every row is there, once, in order, with its date formatted.
    const rows = text.match(/Service \d\d/g) ?? [];
    expect(rows).toEqual(appointments.map((_, i) => `Service ${String(i + 1).padStart(2, '0')}`));
    expect(text).toContain('10-Jan-2026');
  });

  it('splits a row taller than a page between pages', async () => {
    const provision = `ROW-START ${Array.from({ length: 260 }, (_, i) => `line${i}`).join('\n')} ROW-END`;
    const answers = { ...educationAnswers(), support: [{ provision, hoursPerWeek: '2', impact: 'high' }] } as Answers;
    const text = await pdfText(await renderFormPdf(educationInput({ answers })));
    const all = pages(text);
    const start = all.findIndex((page) => page.includes('ROW-START'));
    const end = all.findIndex((page) => page.includes('ROW-END'));
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    for (const page of all.slice(start + 1, end + 1)) {
      expect(lines(page)).toContain('Support currently in place (continued)');
      expect(lines(page)).toContain('Provision Hours per week Start date Impact');
    }
    const found = text.match(/\bline\d+\b/g) ?? [];
    expect(found).toEqual(Array.from({ length: 260 }, (_, i) => `line${i}`));
  });

  it('renders odd unicode everywhere without throwing', async () => {
    const definition = copyJson(healthContribution) as FormDefinition;
    definition.title = 'Zdrowie 🩺 Ελληνικά contribution';
    definition.pages[0].questions[2].label = 'Your rôle – ŁÓDŹ 🎉';
    const answers = {
      ...healthAnswers(),
      concernDetails: 'Mother says “dziękuję” 🙏 — Ελληνικά 漢字 مرحبا \ud800 end\u0000.',
      appointments: [{ date: '2026-03-14', service: 'Klinika w Łodzi 🏥' }],
    } as Answers;
    const pdf = await renderFormPdf(
      healthInput({
        definition,
        answers,
        prefill: { childName: 'Zoë Łukasiewicz 👶', conferenceDate: '2026-12-01' },
        subject: { reference: 'CP-😀-1', displayName: 'Zoë Łukasiewicz' },
        submittedBy: { name: 'Paweł Żółć', organisation: 'Szpital św. Łukasza', email: 'p@example.pl' },
        attachments: [{ filename: 'raport-łódź-📎.pdf', size: 1000, contentType: 'application/pdf' }],
        councilName: 'Rada 🏛️ Miasta',
        status: 'draft',
      }),
    );
    const text = await pdfText(pdf);
    // Every character is kept as typed, emoji included; none becomes "?".
    expect(count(text, '?')).toBe(2); // the two question labels' own
    expect(text.replace(/\n/g, ' ')).toContain('Zdrowie 🩺 Ελληνικά contribution');
    expect(text).toContain('Your rôle – ŁÓDŹ 🎉');
    expect(text).toContain('Zoë Łukasiewicz 👶');
    expect(text).toContain('Mother says “dziękuję” 🙏 — Ελληνικά 漢字 مرحبا');
    expect(text).toContain('Klinika w Łodzi 🏥');
    expect(text).toContain('raport-łódź-📎.pdf (1000 bytes)');
    expect(text).toContain('CP-😀-1');
    // A lone surrogate is not a character: it is shown as the replacement character.
    expect(text).toContain('\ufffd end.');
  });

  it('sets the document title and a non-personal author', async () => {
    const info = pdfInfo(await renderFormPdf(healthInput()));
    expect(info).toMatch(/^Title:\s+Health contribution to a child protection conference$/m);
    expect(info).toMatch(/^Author:\s+Children and Families Services$/m);
    expect(info).toMatch(/^CreationDate:\s+.*2026/m);
    expect(info).not.toMatch(/Noah|Bloggs|nhs\.example/);
  });
});
