import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../shared/http/access';
import { decodeCursor, encodeCursor, parseLimit } from '../shared/http/pagination';
import { InvalidRequestError } from '../shared/http/request-validation';
import { isUuid } from '../shared/ids';
import { AuditTrail } from './audit-trail';

class AuditActorDto {
  @ApiProperty({ enum: ['account', 'integration', 'system'] }) type!: string;
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
}

class AuditRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ format: 'uuid' }) taskId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) accountId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) workGroupId?: string;
  @ApiPropertyOptional() from?: unknown;
  @ApiPropertyOptional() to?: unknown;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecordDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const isIdCursor = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id: unknown }).id === 'string' && isUuid((v as { id: string }).id);

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail, newest first (never answers)',
    description:
      'Filter by `accountId`, `taskId` or `action`. Entries carry who did what to which task, account or group; never answers.',
  })
  @ApiQuery({ name: 'accountId', required: false })
  @ApiQuery({ name: 'taskId', required: false })
  @ApiQuery({ name: 'action', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: AuditPageDto })
  async list(
    @Query('accountId') accountId?: string,
    @Query('taskId') taskId?: string,
    @Query('action') action?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ): Promise<AuditPageDto> {
    for (const [path, value] of [
      ['accountId', accountId],
      ['taskId', taskId],
    ] as const) {
      if (value !== undefined && !isUuid(value)) throw new InvalidRequestError([{ path, message: `${path} must be a UUID` }]);
    }
    if (action !== undefined && !/^[a-z_]+\.[a-z_]+$/.test(action)) {
      throw new InvalidRequestError([{ path: 'action', message: 'action must look like task.delegated' }]);
    }
    const size = parseLimit(limit);
    const items = await this.audit.list({ accountId, taskId, action }, size, decodeCursor(cursor, isIdCursor)?.id);
    return { items, nextCursor: items.length === size ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }
}
