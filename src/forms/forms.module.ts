import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { FormCatalogue } from './application/form-catalogue';
import { FormDefinitionRepository } from './application/form-definition.repository';
import { FormPdfRenderer } from './application/form-pdf-renderer';
import { PublishFormDefinition } from './application/publish-form-definition';
import { PublishedFormList } from './application/published-form-list';
import { AdminFormsController } from './http/admin-forms.controller';
import { PublishedFormSchema } from './infrastructure/form-definition.schema';
import { PostgresFormDefinitionRepository } from './infrastructure/mikro-orm-form-definition.repository';
import { PdfkitFormPdfRenderer } from './infrastructure/pdf/pdfkit-form-pdf.renderer';
import { SqlPublishedFormList } from './infrastructure/sql-published-form-list';

/** Form definitions: published by the case system (see the integration context), immutable per version. */
/*
 * Global, like every context module: contexts inject what another context exports without importing
 * its module file (which would reach that context's controllers and adapters); AppModule and the CLI's
 * OperationsModule, the composition roots, import each module once. Contexts meet through index.ts.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([PublishedFormSchema])],
  controllers: [AdminFormsController],
  providers: [
    { provide: PublishedFormList, useClass: SqlPublishedFormList },
    { provide: FormDefinitionRepository, useClass: PostgresFormDefinitionRepository },
    { provide: FormPdfRenderer, useClass: PdfkitFormPdfRenderer },
    FormCatalogue,
    PublishFormDefinition,
  ],
  exports: [FormCatalogue, PublishFormDefinition, FormPdfRenderer],
})
export class FormsModule {}
