import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { AdminOnly } from '../../shared/http/access';
import { ListTasks, TaskPage } from '../application/list-tasks';
import { TaskPageDto } from './tasks.dto';

export class AdminTasksQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'in_progress', 'submitted'] })
  @IsOptional()
  @IsIn(['open', 'in_progress', 'submitted'])
  status?: 'open' | 'in_progress' | 'submitted';

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() workGroupId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() accountId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['dueDate', 'delegatedAt', 'title'], default: 'dueDate' })
  @IsOptional()
  @IsIn(['dueDate', 'delegatedAt', 'title'])
  sort?: 'dueDate' | 'delegatedAt' | 'title';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/tasks')
export class AdminTasksController {
  constructor(private readonly tasks: ListTasks) {}

  @Get()
  @ApiOperation({ summary: "Every task's metadata for the helpdesk (never answers); re-assign with POST /tasks/{id}/reassign" })
  @ApiOkResponse({ type: TaskPageDto })
  list(@Query() q: AdminTasksQueryDto): Promise<TaskPage> {
    return this.tasks.forAdmin(
      { status: q.status, workGroupId: q.workGroupId, accountId: q.accountId, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' },
      { sort: q.sort, order: q.order, limit: q.limit, cursor: q.cursor },
    );
  }
}
