import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { attachmentDisposition } from '../../shared/http/content-disposition';
import { DownloadTaskPdf } from '../application/download-task-pdf';
import { SubmissionReceipt, SubmitContribution } from '../application/submit-contribution';
import { SubmissionReceiptDto, SubmitTaskDto } from './submissions.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Tasks')
@Controller('tasks')
export class SubmissionsController {
  constructor(
    private readonly submit: SubmitContribution,
    private readonly downloadPdf: DownloadTaskPdf,
  ) {}

  @Post(':id/submit')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit the contribution: the whole form must be complete; it is then delivered to the case system',
    description:
      '422 validation_failed lists every missing or wrong answer in form order; 409 already_submitted; a stale version: 409 version_conflict. ' +
      'Accepted means stored and queued for delivery (see GET /integration/tasks/{externalRef} for the delivery).',
  })
  @ApiAcceptedResponse({ type: SubmissionReceiptDto })
  @ApiErrors('validation_failed', 'already_submitted', 'version_conflict', 'pickup_required')
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: SubmitTaskDto,
  ): Promise<SubmissionReceipt> {
    return this.submit.execute(
      { accountId: principal.accountId, name: principal.name, email: principal.email, organisation: principal.organisation },
      id,
      { version: body.version, language: principal.language },
    );
  }

  @Get(':id/pdf')
  @ApiOperation({
    summary: 'The form with its answers as a PDF: marked DRAFT until submitted, then the very file that was delivered',
    description:
      'For the individual assignee only. After submission the stored file is downloadable for 30 days (availableUntil); ' +
      'after that 410 gone.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf, as a download', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('gone', 'pickup_required')
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { content, filename } = await this.downloadPdf.execute(principal.accountId, id, principal.language);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentDisposition(filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(content.length));
    return content;
  }
}
