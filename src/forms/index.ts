/** The forms context's public entry: publishing a definition, reading published ones, rendering a PDF. */
export { FormCatalogue } from './application/form-catalogue';
export { FormPdfRenderer } from './application/form-pdf-renderer';
export type { FormPdfRequest } from './application/form-pdf-renderer';
export { PublishFormDefinition } from './application/publish-form-definition';
