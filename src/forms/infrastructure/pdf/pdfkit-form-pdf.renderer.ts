import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/app-config';
import { FormPdfRenderer, FormPdfRequest } from '../../application/form-pdf-renderer';
import { renderFormPdf } from './form-pdf-renderer';

/** The PDFKit renderer behind the port, with the council's name and time zone filled in. */
@Injectable()
export class PdfkitFormPdfRenderer extends FormPdfRenderer {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  render(request: FormPdfRequest): Promise<Buffer> {
    return renderFormPdf({
      definition: request.definition,
      answers: request.answers,
      prefill: request.prefill,
      subject: request.subject,
      status: request.status,
      submittedAt: request.submittedAt?.toISOString(),
      submittedBy: request.submittedBy,
      attachments: request.attachments,
      councilName: this.config.councilName,
      generatedAt: request.generatedAt.toISOString(),
      timeZone: this.config.portalTimezone,
    });
  }
}
