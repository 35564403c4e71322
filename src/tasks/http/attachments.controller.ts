import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { MULTIPART_ROUTE } from '../../shared/http/json-body';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { DeleteAttachment, DownloadAttachment, UploadAttachment } from '../application/attachment-use-cases';
import { AttachmentView } from '../application/task-views';
import { attachmentDisposition } from './content-disposition';
import { malformedMultipart } from './multipart';
import { AttachmentDto } from './tasks.dto';

@ApiTags('Tasks')
@Controller('tasks/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly upload: UploadAttachment,
    private readonly download: DownloadAttachment,
    private readonly remove: DeleteAttachment,
  ) {}

  @Post()
  @HttpCode(201)
  @RouteConfig(MULTIPART_ROUTE)
  @ApiOperation({ summary: 'Attach a supporting document: pdf, doc, docx, jpg or png, at most 10 MiB, at most 20 per task' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
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
  @ApiOperation({ summary: 'Download an attachment (always as a download, never displayed inline)' })
  @ApiProduces('application/octet-stream')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { attachment, content } = await this.download.execute(principal.accountId, id, attachmentId);
    reply
      .header('content-type', attachment.contentType)
      .header('content-disposition', attachmentDisposition(attachment.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(content.length));
    return content;
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment (not after submission)' })
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
  ): Promise<void> {
    await this.remove.execute(principal.accountId, id, attachmentId);
  }
}
