import { writeFileSync } from 'node:fs';
import { renderFormPdf } from './form-pdf-renderer';
import { educationAdvice, educationAnswers, healthContribution, healthAnswers } from '../../../../libs/form-schema/test-fixtures/sample-forms';
it('scratch', async () => {
  const base = { prefill: { childName: 'Amelia Łukasiewicz 🎉', dateOfBirth: '2015-03-02', caseWorker: 'Sam Case' }, subject: { reference: 'EHC-2026-0042', displayName: 'Amelia Łukasiewicz' }, attachments: [{ filename: 'school-report.pdf', size: 123456, contentType: 'application/pdf' }], councilName: 'Children and Families Services', generatedAt: '2026-11-28T10:00:00.000Z' };
  const answers = educationAnswers() as any;
  answers.strengths = 'Enjoys reading — and art. Ελληνικά ł ą 👨‍👩‍👧 end.\n\nSecond paragraph ' + 'lorem ipsum dolor sit amet '.repeat(60);
  answers.support = Array.from({ length: 20 }, (_, i) => ({ provision: `Provision ${i} ` + 'detail '.repeat(i * 5), hoursPerWeek: String(i), startDate: '2025-01-06', impact: 'high' }));
  let t = Date.now();
  const pdf = await renderFormPdf({ ...base, definition: educationAdvice, answers, status: 'draft' } as any);
  console.log('ms', Date.now() - t, pdf.length);
  writeFileSync('/tmp/pdfout/edu.pdf', pdf);
  const pdf2 = await renderFormPdf({ ...base, prefill: { childName: 'Bob', conferenceDate: '2026-12-01' }, definition: healthContribution, answers: healthAnswers() as any, status: 'submitted', submittedAt: '2026-11-28T10:15:00.000Z', submittedBy: { name: 'Dr Jo Bloggs', organisation: 'NHS Trust', email: 'jo@nhs.example' } } as any);
  writeFileSync('/tmp/pdfout/health.pdf', pdf2);
});
