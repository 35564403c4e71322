/**
 * The PDF as a faithful, accessible record (issue 23): names and answers in every script come back
 * from the text layer exactly as typed, the file is tagged with a structure tree and its language,
 * declares PDF/A-2a, and speaks Welsh when asked. The CJK font is only loaded when needed.
 */
import { inflateSync } from 'node:zlib';
import type { Answers, FormDefinition } from '../../../../libs/form-schema/src';
import { copyJson, healthAnswers, healthContribution } from '../../../../libs/form-schema/test-fixtures/sample-forms';
import { pdfFacts, roles } from '../../../../test/support/pdf-structure';
import { pdfText } from '../../../../test/support/pdf-text';
import { loadedFonts, useShapingCache } from './fonts';
import { renderFormPdf } from './form-pdf-renderer';
import type { FormPdfInput } from './form-pdf-renderer';

/** Names and sentences people type, one per script the portal must keep (NFC, as browsers send them). */
const SAMPLES = {
  welsh: { name: 'Gwŷn ap Siôn Ŵyn-Llŷr', text: 'Mae’n hoffi darllen a chwarae pêl-droed; ŷ ŵ â ê î ô û ŕ ẁ ẃ ẅ ỳ ý ÿ.' },
  polish: { name: 'Łukasz Żółkiewski-Gęśla', text: 'Zażółć gęślą jaźń – lubi czytać i rysować.' },
  vietnamese: {
    name: 'Nguyễn Thị Minh Khai',
    text: 'Em thích đọc sách và vẽ tranh; tiếng Việt có dấu: ắ ằ ẳ ẵ ặ ố ồ ổ ỗ ộ ứ ừ ử ữ ự.',
  },
  greek: { name: 'Ελένη Παπαδοπούλου', text: 'Της αρέσει να διαβάζει και να ζωγραφίζει.' },
  arabic: { name: 'محمد عبد الله', text: 'يحب القراءة والرسم مع أصدقائه' },
  chinese: { name: '王小明', text: '他喜欢读书和画画，也喜欢和朋友一起玩。' },
};

function input(overrides: Partial<FormPdfInput> = {}): FormPdfInput {
  return {
    definition: healthContribution,
    answers: healthAnswers() as Answers,
    prefill: { childName: 'Noah Price', conferenceDate: '2026-12-01' },
    subject: { reference: 'CP-2026-0107', displayName: 'Noah Price' },
    status: 'submitted',
    submittedAt: '2026-11-28T10:15:00.000Z',
    submittedBy: { name: 'Dr Jo Bloggs', organisation: 'Riverside NHS Trust', email: 'jo.bloggs@nhs.example' },
    attachments: [],
    councilName: 'Cyngor Sir Ynys Môn',
    generatedAt: '2026-11-28T10:15:00.000Z',
    ...overrides,
  };
}

describe('the PDF keeps every script as typed', () => {
  it('loads the CJK font only for text that needs it', async () => {
    await renderFormPdf(input());
    expect(loadedFonts().some((font) => font.startsWith('cjk'))).toBe(false);
    await renderFormPdf(input({ subject: { reference: 'R', displayName: '王小明' } }));
    expect(loadedFonts()).toContain('cjk-regular');
  });

  it.each(Object.entries(SAMPLES))('%s: the name and the answer come back identical', async (_script, sample) => {
    const answers = {
      ...healthAnswers(),
      concernDetails: sample.text,
      appointments: [{ date: '2026-03-14', service: sample.name }],
    };
    const pdf = await renderFormPdf(
      input({
        answers: answers as Answers,
        prefill: { childName: sample.name, conferenceDate: '2026-12-01' },
        subject: { reference: 'CP-2026-0107', displayName: sample.name },
        submittedBy: { name: sample.name, organisation: 'Riverside NHS Trust', email: 'jo@nhs.example' },
      }),
    );
    const lines = textLines(pdf);
    expect(lines).toContain(`Subject ${sample.name}`);
    expect(lines).toContain(`Submitted by ${sample.name}`);
    // The prefilled name on its own line after its label, the free-text answer after its own.
    expect(lines[lines.indexOf("Child's name") + 1]).toBe(sample.name);
    expect(lines[lines.indexOf('Describe your concerns') + 1]).toBe(sample.text);
    expect(lines).toContain(`14-Mar-2026 ${sample.name}`);
    // Nothing was replaced: the only "?" are the two question labels' own.
    expect(lines.join('\n').split('?').length - 1).toBe(2);
  });

  it('keeps a line mixing left-to-right and right-to-left text in reading order', async () => {
    const mixed = 'Interpreter: محمد عبد الله (Arabic), 2 sessions';
    const answers = { ...healthAnswers(), concernDetails: mixed } as Answers;
    const lines = textLines(await renderFormPdf(input({ answers })));
    expect(lines[lines.indexOf('Describe your concerns') + 1]).toBe(mixed);
  });

  it('wraps long text in any script without losing a character', async () => {
    const sentence = `${SAMPLES.welsh.text} ${SAMPLES.greek.text} ${SAMPLES.vietnamese.text} ${SAMPLES.chinese.text} `;
    const long = sentence.repeat(12).trim();
    const answers = { ...healthAnswers(), concernDetails: long } as Answers;
    // Page furniture (header, footer) left out: the answer continues across the page break.
    const all = textLines(await renderFormPdf(input({ answers })))
      .filter((line) => line !== '')
      .filter((line) => !line.startsWith('Generated ') && !line.startsWith('Cyngor Sir Ynys Môn'));
    const start = all.indexOf('Describe your concerns') + 1;
    const end = all.indexOf('Missed appointments in the last 12 months');
    const body = all.slice(start, end);
    expect(body.length).toBeGreaterThan(5);
    // Lines break at spaces (the space itself is not drawn) or inside a word longer than a line.
    expect(body.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' '));
  });
});

describe('the PDF is tagged and archival', () => {
  it('has a structure tree with headings, question/answer divisions and tables with header cells', async () => {
    const facts = pdfFacts(await renderFormPdf(input()));
    expect(facts.marked).toBe(true);
    const found = roles(facts.structure[0]);
    expect(found.slice(0, 3)).toEqual(['Root', 'Document', 'H1']);
    for (const role of ['H1', 'H2', 'H3', 'Sect', 'Div', 'P', 'Table', 'TR', 'TH', 'TD']) expect(found).toContain(role);
    // The appointments table: a header row of two TH, then a row of two TD.
    const table = findAll(facts.structure[0], 'Table').at(-1) as Node;
    expect(table.children.map((row) => row.children.map((cell) => cell.role).join(','))).toEqual(['TH,TH', 'TD,TD']);
  });

  it('says its language and declares PDF/A-2a in its metadata', async () => {
    const english = pdfFacts(await renderFormPdf(input()));
    expect(english.language).toBe('en-GB');
    expect(english.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
    const welsh = pdfFacts(await renderFormPdf(input({ language: 'cy' })));
    expect(welsh.language).toBe('cy-GB');
  });

  it('puts page furniture outside the structure: headers and footers are artifacts', async () => {
    const content = pageContent(await renderFormPdf(input({ status: 'draft' })));
    // Every text object and every path is inside a marked sequence: an artifact, or content with
    // an MCID that the structure tree points at (nothing is left untagged, as PDF/UA asks).
    const stack: string[] = [];
    let textObjects = 0;
    let artifacts = 0;
    let tagged = 0;
    for (const line of content.split('\n')) {
      const begin = /^\/(\w+) <</.exec(line);
      if (begin) {
        stack.push(begin[1]);
        if (begin[1] === 'Artifact') artifacts++;
        continue;
      }
      if (/^\/\w+ BMC$/.test(line)) stack.push('BMC');
      if (line === 'EMC') stack.pop();
      if (line === 'BT' || / (S|f|B)$/.test(line)) {
        if (line === 'BT') textObjects++;
        expect(stack.length).toBeGreaterThan(0);
        if (stack.at(-1) !== 'Artifact') tagged++;
      }
    }
    expect(textObjects).toBeGreaterThan(20);
    expect(artifacts).toBeGreaterThan(5);
    expect(tagged).toBeGreaterThan(10);
    expect(content).toContain('/H1 <<\n/MCID 0\n>> BDC');
  });
});

describe('the PDF in Welsh', () => {
  it('writes its fixed wording and dates in Welsh', async () => {
    const definition = copyJson(healthContribution) as FormDefinition;
    const pdf = await renderFormPdf(input({ definition, language: 'cy', status: 'draft' }));
    const text = pdfText(pdf);
    const lines = textLines(pdf);
    expect(lines).toContain('Ynghylch Noah Price');
    expect(lines).toContain('Cyfeirnod CP-2026-0107');
    expect(text).toContain('DRAFFT – heb ei gyflwyno');
    expect(text).toContain('Crëwyd 28-Tach-2026 10:15');
    expect(text).toContain('Tudalen 1 o 1');
    expect(text).not.toContain('Generated');
  });

  it("shows the form's own Welsh where the definition gives it, English elsewhere", async () => {
    const definition = copyJson(healthContribution) as FormDefinition & Record<string, any>;
    definition.cy = { title: 'Cyfraniad iechyd i gynhadledd amddiffyn plant' };
    const role = definition.pages[0].questions.find((q) => q.id === 'role') as any;
    role.cy = { label: 'Eich rôl' };
    role.options.forEach((option: any) => (option.cy = { label: `${option.label} (cy)` }));
    const lines = textLines(await renderFormPdf(input({ definition, language: 'cy' })));
    expect(lines.join(' ')).toContain('Cyfraniad iechyd i gynhadledd amddiffyn plant');
    expect(lines[lines.indexOf('Eich rôl') + 1]).toBe('School nurse (cy)');
    expect(lines).toContain('Do you have any health concerns?');
    // In English the same definition reads as before.
    const english = textLines(await renderFormPdf(input({ definition })));
    expect(english[english.indexOf('Your role') + 1]).toBe('School nurse');
  });
});

/** The page content streams, inflated; strings drawn with the embedded fonts are glyph ids, so only the fixed ASCII parts are readable. */
function pageContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index as number) + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (fonts are compressed too, but some streams are not): skip it.
    }
  }
  return parts.join('\n');
}

/** The text layer's lines, runs of blanks (column gaps) as one space, pages joined. */
function textLines(pdf: Buffer): string[] {
  return pdfText(pdf)
    .split(/\n|\f/)
    .map((line) => line.trim().replace(/\s+/g, ' '));
}

interface Node {
  role: string;
  children: Node[];
}

function findAll(node: Node | null, role: string): Node[] {
  if (!node) return [];
  return [...(node.role === role ? [node] : []), ...node.children.flatMap((child) => findAll(child, role))];
}

// Last: it draws Chinese, which the lazy-loading test above must not see loaded before it.
describe('shaping kept across documents', () => {
  it('draws the same bytes whether words are shaped afresh or taken from the fonts\' kept runs', async () => {
    // Every script in one document, twice over, so words recur within it and across documents.
    const text = Object.values(SAMPLES).map((sample) => `${sample.name}: ${sample.text}`).join('\n');
    const documents = Object.values(SAMPLES).map((sample) =>
      input({
        answers: { ...healthAnswers(), concernDetails: `${text}\n${text}`, appointments: [{ date: '2026-03-14', service: sample.name }] } as Answers,
        subject: { reference: 'CP-2026-0107', displayName: sample.name },
      }),
    );
    const draw = async () => Promise.all(documents.map((document) => renderFormPdf(document)));
    try {
      useShapingCache(false);
      const afresh = await draw();
      useShapingCache(true);
      const firstKept = await draw();
      const fromKept = await draw();
      for (const [i, pdf] of afresh.entries()) {
        expect(firstKept[i].equals(pdf)).toBe(true);
        expect(fromKept[i].equals(pdf)).toBe(true);
      }
    } finally {
      useShapingCache(true);
    }
  });
});
