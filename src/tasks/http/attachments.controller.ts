import { Controller, Delete, Get, HttpCode, Logger, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { MULTIPART_ROUTE } from '../../shared/http/json-body';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { DeleteAttachment, DownloadAttachment, UploadAttachment } from '../application/attachment-use-cases';
import { AttachmentView } from '../application/task-views';
import { attachmentDisposition } from '../../shared/http/content-disposition';
import { malformedMultipart } from '../../shared/http/multipart';
import { AttachmentDto } from './tasks.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Tasks')
@Controller('tasks/:id/attachments')
export class AttachmentsController {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly upload: UploadAttachment,
    private readonly download: DownloadAttachment,
    private readonly remove: DeleteAttachment,
  ) {}

  @Post()
  @HttpCode(201)
  @RouteConfig(MULTIPART_ROUTE)
  @ApiOperation({
    summary: 'Attach a supporting document: pdf, doc, docx, jpg or png, at most 10 MiB, at most 20 per task',
    description:
      'Multipart, field `file`. The type is judged by signature and extension together (415 `unsupported_file_type`); over 10 MiB is 413 `file_too_large`; after submission 409 `task_submitted`. The file is streamed into storage as it arrives; an instance receives a few uploads at once and lets a bounded line wait, past which it answers 503 `uploads_busy` with `Retry-After`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiErrors(
    'file_too_large',
    'unsupported_file_type',
    'attachments_not_allowed',
    'too_many_attachments',
    'virus_detected',
    'task_submitted',
    'scanner_unavailable',
    'uploads_busy',
    'pickup_required',
  )
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView> {
    let part: MultipartFile | undefined;
    try {
      part = await request.file();
    } catch (error) {
      throw malformedMultipart(error);
    }
    if (!part) throw new InvalidRequestError([{ path: 'file', message: 'send the document in the multipart field "file"' }]);
    try {
      if (part.fieldname !== 'file')
        throw new InvalidRequestError([{ path: part.fieldname, message: 'the document must be in the field "file"' }]);
      const file = part.file;
      return await this.upload.execute(principal.accountId, id, {
        filename: part.filename ?? '',
        content: file,
        truncated: () => file.truncated,
      });
    } catch (error) {
      throw malformedMultipart(error);
    } finally {
      // Whatever was refused, let the rest of the upload drain so the connection stays usable.
      part.file.resume();
    }
  }

  @Get(':attachmentId')
  @ApiOperation({
    summary: 'Download an attachment (always as a download, never displayed inline)',
    description: '`Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`; an attachment of another task is 404.',
  })
  @ApiProduces('application/octet-stream')
  @ApiErrors('pickup_required')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { attachment, file } = await this.download.execute(principal.accountId, id, attachmentId);
    reply
      .header('content-type', attachment.contentType)
      .header('content-disposition', attachmentDisposition(attachment.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(file.size));
    // Streamed slice by slice from storage: a file is never whole in memory. A read that fails after the
    // headers went out can only cut the connection (the length promised tells the client it is short).
    return new StreamableFile(file.content).setErrorLogger((error) =>
      this.logger.warn(`download of attachment ${attachmentId} cut off: ${error.message}`),
    );
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an attachment (not after submission)',
    description: 'After submission: 409 `task_submitted`.',
  })
  @ApiErrors('task_submitted', 'pickup_required')
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
  ): Promise<void> {
    await this.remove.execute(principal.accountId, id, attachmentId);
  }
}
