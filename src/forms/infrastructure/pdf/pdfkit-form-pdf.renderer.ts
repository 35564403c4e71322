import { join } from 'node:path';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PdfRenderConfig, PortalConfig } from '../../../config/config-slices';
import { ThreadPool } from '../../../shared/workers/thread-pool';
import { FormPdfRenderer, FormPdfRequest } from '../../application/form-pdf-renderer';
import { FormPdfInput, renderFormPdf } from './form-pdf-renderer';

/**
 * The PDFKit renderer behind the port, with the council's name and time zone filled in. A document
 * costs tens of milliseconds of CPU, so it is drawn on a worker thread (PDF_RENDER_THREADS; 0 draws
 * it on the event loop), never in the way of the requests the instance is serving meanwhile.
 */
@Injectable()
export class PdfkitFormPdfRenderer extends FormPdfRenderer implements OnApplicationShutdown {
  private readonly pool: ThreadPool<FormPdfInput, Uint8Array>;

  constructor(
    private readonly config: PortalConfig,
    rendering: PdfRenderConfig,
  ) {
    super();
    this.pool = new ThreadPool(join(__dirname, 'pdf-render.worker'), rendering.pdfRenderThreads, renderFormPdf);
  }

  async render(request: FormPdfRequest): Promise<Buffer> {
    const bytes = await this.pool.run({
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
      language: request.language,
    });
    // A Buffer comes back from a worker thread as a plain Uint8Array (structured clone).
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Threads the renderer has started (0 until the first document, or when rendering inline). */
  get threadsStarted(): number {
    return this.pool.started;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
