import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateIf } from 'class-validator';
import { NotFoundError } from '../../shared/errors/domain-error';
import { IntegrationApi } from '../../shared/http/access';
import { FreeFormObject } from '../../shared/http/request-validation';
import { ChangeTask, IntegrationTaskView, MessageDto, MessageView, TaskConversation, TaskQueries } from '../../tasks';
import { IntegrationTaskDto } from './integration.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

export class ReplyDto {
  @ApiProperty({ maxLength: 2000, description: 'plain text' }) @IsString() body!: string;
  @ApiPropertyOptional({ description: 'the case worker’s name as the professional sees it (default "Case worker")' })
  @IsOptional()
  @IsString()
  author?: string;
}

export class ChangeTaskDto {
  @ApiPropertyOptional({ example: '2026-12-23', description: 'a new due date; reminders follow it' })
  @IsOptional()
  @IsString()
  dueDate?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: "the case worker's note; null or empty clears it" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  message?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'read-only questions only: given keys replace their values, a null value clears one (422 invalid_prefill)',
  })
  @IsOptional()
  @FreeFormObject()
  prefill?: Record<string, unknown>;
}

/** The case system answers a professional's question and changes tasks it delegated. */
@ApiTags('Integration')
@IntegrationApi()
@Controller('integration/tasks')
export class IntegrationConversationController {
  constructor(
    private readonly conversation: TaskConversation,
    private readonly change: ChangeTask,
    private readonly queries: TaskQueries,
  ) {}

  @Post(':externalRef/messages')
  @ApiOperation({
    summary: "Reply to the professional about a task: it joins the task's thread and the holder is emailed (no child details)",
    description: '422 empty_message / text_too_long; after submission 409 already_submitted; withdrawn or unknown 404.',
  })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiErrors('empty_message', 'text_too_long', 'already_submitted')
  reply(@Param('externalRef') externalRef: string, @Body() body: ReplyDto): Promise<MessageView> {
    return this.conversation.reply(externalRef, body.body, body.author);
  }

  @Patch(':externalRef')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the due date, the note or the read-only prefill of a task that is not submitted',
    description:
      'The holder is emailed and the task page shows a notice; reminders follow a new due date; history records it. 422 invalid_change / invalid_prefill; after submission 409 already_submitted.',
  })
  @ApiOkResponse({ type: IntegrationTaskDto })
  @ApiErrors('invalid_change', 'invalid_prefill', 'already_submitted')
  async update(@Param('externalRef') externalRef: string, @Body() body: ChangeTaskDto): Promise<IntegrationTaskView> {
    await this.change.execute(externalRef, body);
    const task = await this.queries.summaryByExternalRef(externalRef);
    if (!task) throw new NotFoundError();
    return task;
  }
}
