import type { Answers, FormDefinition } from '../../../libs/form-schema/src';
import type { Language } from '../../shared/i18n/language';

export interface FormPdfRequest {
  definition: FormDefinition;
  /** The saved answers, hidden ones included: the renderer leaves those out. */
  answers: Answers;
  /** Values of the read-only questions, from the case system. */
  prefill: Record<string, unknown>;
  subject: { reference: string; displayName: string };
  status: 'draft' | 'submitted';
  submittedAt?: Date;
  submittedBy?: { name: string; organisation: string; email: string };
  attachments: { filename: string; size: number; contentType: string }[];
  /** Also the document's creation date, so the same request gives the same bytes. */
  generatedAt: Date;
  /** The reader's language (their account's preferredLanguage): the PDF's fixed wording and dates. */
  language?: Language;
}

/**
 * Renders a form with its answers as a PDF: a draft on request, and the submitted file once, at
 * submission. The council's name and PORTAL_TIMEZONE come from configuration.
 */
export abstract class FormPdfRenderer {
  abstract render(request: FormPdfRequest): Promise<Buffer>;
}
