import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { DeclineTask } from '../application/decline-task';
import { MessageView, TaskConversation } from '../application/task-conversation';
import { DECLINE_REASONS, DeclineReason, MAX_DECLINE_COMMENT, MAX_MESSAGE_LENGTH } from '../domain/conversation';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';
import { MessageDto, MessageThreadDto } from '../contract/message.dto';

export class DeclineTaskDto {
  @ApiProperty({
    enum: DECLINE_REASONS,
    description:
      'not_known: the child is not known to this service · wrong_professional · duplicate · other (say why in comment)',
  })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;

  @ApiPropertyOptional({
    maxLength: MAX_DECLINE_COMMENT,
    description: 'plain text for the case worker; required with reason other',
  })
  @IsOptional()
  @IsString()
  comment?: string;
}

export class SendMessageDto {
  @ApiProperty({ maxLength: MAX_MESSAGE_LENGTH, description: 'plain text' })
  @IsString()
  body!: string;
}

/** The professional talks to the council about a task: hands it back, asks, reads the replies. */
@ApiTags('Tasks')
@Controller('tasks')
export class TaskConversationController {
  constructor(
    private readonly declineTask: DeclineTask,
    private readonly conversation: TaskConversation,
  ) {}

  @Post(':id/decline')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Return the task to the council with a reason: it leaves every list, its draft and files are purged, the case system is told',
    description:
      'The individual holder, or any member of the work group holding it. 422 comment_required (reason other without a comment), 422 text_too_long; after submission 409 task_submitted; anyone else 404.',
  })
  @ApiNoContentResponse()
  @ApiErrors('comment_required', 'text_too_long', 'task_submitted', 'pickup_required')
  async decline(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: DeclineTaskDto): Promise<void> {
    await this.declineTask.execute(me.accountId, id, body);
  }

  @Get(':id/messages')
  @ApiOperation({
    summary: "The task's thread with the case worker, oldest first (whoever sees the task's content)",
    description:
      'Messages between the professional and the case worker about this task. A group member before pickup gets 403 pickup_required; anyone else 404.',
  })
  @ApiOkResponse({ type: MessageThreadDto })
  @ApiErrors('pickup_required')
  async thread(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<{ items: MessageView[] }> {
    return { items: await this.conversation.thread(me.accountId, id) };
  }

  @Post(':id/messages')
  @ApiOperation({
    summary: 'Send the case worker a message about the task (plain text, sent to the case system)',
    description:
      '422 empty_message / text_too_long; after submission 409 task_submitted; a group member before pickup 403 pickup_required.',
  })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiErrors('empty_message', 'text_too_long', 'task_submitted', 'pickup_required')
  send(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: SendMessageDto): Promise<MessageView> {
    return this.conversation.send(me.accountId, id, body.body);
  }
}
