import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../shared/http/access';
import { decodeCursor, encodeCursor, parseLimit } from '../../shared/http/pagination';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { isUuid } from '../../shared/ids';
import { AdministerDeliveries } from '../application/administer-deliveries';
import { DeliveryStatus } from '../domain/delivery';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

class AdminDeliveryFormDto {
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
}

class AdminDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'the submission id, also the Idempotency-Key' }) submissionId!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() externalRef!: string;
  @ApiProperty({ type: AdminDeliveryFormDto }) form!: AdminDeliveryFormDto;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptId!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiProperty({
    description:
      'Past the 30-day retention but not received by the council: kept (never purged undelivered) until it is delivered. Needs attention.',
  })
  heldPastRetention!: boolean;
}

class AdminDeliveryPageDto {
  @ApiProperty({ type: [AdminDeliveryDto] }) items!: AdminDeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);
const isCursor = (v: unknown): v is { c: string; id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { c: unknown }).c === 'string' && isUuid(String((v as { id: unknown }).id));

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/deliveries')
export class AdminDeliveriesController {
  constructor(private readonly admin: AdministerDeliveries) {}

  @Get()
  @ApiOperation({
    summary: 'Deliveries to the case system with attempts and last error, newest first',
    description:
      'Each submission with its delivery status, attempts, next attempt and last error, newest first; filter by `status`.',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delivered', 'failed'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: AdminDeliveryPageDto })
  async list(
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<AdminDeliveryPageDto> {
    if (status !== undefined && !STATUSES.has(status)) {
      throw new InvalidRequestError([{ path: 'status', message: 'status must be pending, delivered or failed' }]);
    }
    const size = parseLimit(limit);
    const after = decodeCursor(cursor, isCursor);
    const rows = await this.admin.list(
      status as DeliveryStatus | undefined,
      size,
      after ? { createdAt: after.c, id: after.id } : undefined,
    );
    const last = rows.at(-1);
    return {
      items: rows.map(({ createdAt: _c, ...item }) => item),
      nextCursor: rows.length === size && last ? encodeCursor({ c: last.createdAt, id: last.submissionId }) : null,
    };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a failed delivery again (409 delivery_not_failed otherwise)',
    description:
      'Queues a failed delivery (`id` is its submissionId) for another attempt now; anything but a failed delivery is 409 `delivery_not_failed`.',
  })
  @ApiAcceptedResponse()
  @ApiErrors('delivery_not_failed')
  async retry(@Param('id') id: string): Promise<void> {
    await this.admin.retry(id);
  }
}
