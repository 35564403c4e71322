import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { FormCatalogue } from './application/form-catalogue';
import { FormDefinitionRepository } from './application/form-definition.repository';
import { FormPdfRenderer } from './application/form-pdf-renderer';
import { PublishFormDefinition } from './application/publish-form-definition';
import { PublishedFormSchema } from './infrastructure/form-definition.schema';
import { MikroOrmFormDefinitionRepository } from './infrastructure/mikro-orm-form-definition.repository';
import { PdfkitFormPdfRenderer } from './infrastructure/pdf/pdfkit-form-pdf.renderer';

/** Form definitions: published by the case system (see the integration context), immutable per version. */
@Module({
  imports: [MikroOrmModule.forFeature([PublishedFormSchema])],
  providers: [
    { provide: FormDefinitionRepository, useClass: MikroOrmFormDefinitionRepository },
    { provide: FormPdfRenderer, useClass: PdfkitFormPdfRenderer },
    FormCatalogue,
    PublishFormDefinition,
  ],
  exports: [FormCatalogue, PublishFormDefinition, FormPdfRenderer],
})
export class FormsModule {}
