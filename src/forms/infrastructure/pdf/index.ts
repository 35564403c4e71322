export { renderFormPdf, formatSize, NOT_ANSWERED, NOT_PROVIDED, DRAFT_HEADER } from './form-pdf-renderer';
export type { FormPdfInput } from './form-pdf-renderer';
