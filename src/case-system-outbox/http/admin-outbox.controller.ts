import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../shared/http/access';
import { decodeCursor, encodeCursor, parseLimit } from '../../shared/http/pagination';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { isUuid } from '../../shared/ids';
import { TASK_EVENT_TYPES } from '../../shared/outbox/task-event-types';
import { AdministerOutbox } from '../application/administer-outbox';
import { OutboundStatus } from '../domain/outbound-item';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

class OutboundItemDto {
  @ApiProperty({ format: 'uuid', description: 'the event or message id, also the Idempotency-Key' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ description: "the item's place among its task's items; sent in this order" }) taskSequence!: number;
  @ApiProperty({ enum: ['task_event', 'message'] }) kind!: string;
  @ApiProperty({ enum: TASK_EVENT_TYPES, nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
}

class OutboundPageDto {
  @ApiProperty({ type: [OutboundItemDto] }) items!: OutboundItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);
const isCursor = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && isUuid(String((v as { id: unknown }).id));

/** The helpdesk sees task events and messages to the case system as it sees contribution deliveries. */
@ApiTags('Administration')
@AdminOnly()
@Controller('admin/case-system-outbox')
export class AdminOutboxController {
  constructor(private readonly admin: AdministerOutbox) {}

  @Get()
  @ApiOperation({
    summary: 'Task events and messages to the case system with attempts and last error, newest first',
    description:
      'Each task event or message with its status, attempts, next attempt and last error; filter by `status` or `taskId`.',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delivered', 'failed'] })
  @ApiQuery({ name: 'taskId', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: OutboundPageDto })
  async list(
    @Query('status') status?: string,
    @Query('taskId') taskId?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<OutboundPageDto> {
    if (status !== undefined && !STATUSES.has(status)) {
      throw new InvalidRequestError([{ path: 'status', message: 'status must be pending, delivered or failed' }]);
    }
    if (taskId !== undefined && !isUuid(taskId))
      throw new InvalidRequestError([{ path: 'taskId', message: 'taskId must be a UUID' }]);
    const size = parseLimit(limit);
    const after = decodeCursor(cursor, isCursor);
    const items = await this.admin.list({ status: status as OutboundStatus | undefined, taskId }, size, after?.id);
    const last = items.at(-1);
    return { items, nextCursor: items.length === size && last ? encodeCursor({ id: last.id }) : null };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a refused task event or message again (409 outbound_not_failed otherwise)',
    description: 'Queues a refused item for another attempt now; anything but a failed item is 409 outbound_not_failed.',
  })
  @ApiAcceptedResponse()
  @ApiErrors('outbound_not_failed')
  async retry(@Param('id') id: string): Promise<void> {
    await this.admin.retry(id);
  }
}
