/**
 * The PDF renderer's worker thread (PdfkitFormPdfRenderer runs it through shared/workers/thread-pool):
 * the input is plain data (ISO strings for instants), the answer the document's bytes.
 */
import { renderFormPdf } from './form-pdf-renderer';
import type { FormPdfInput } from './form-pdf-renderer';

export default function render(input: FormPdfInput): Promise<Buffer> {
  return renderFormPdf(input);
}
