import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Max, Min, MinLength } from 'class-validator';
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

  @ApiPropertyOptional({ description: "The case reference (`subject.reference`), whole; case-insensitive.", maxLength: 100, example: 'LCS-123456' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({ description: "Part of the child's name (`subject.displayName`), at least 2 characters; case-insensitive.", minLength: 2, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Matches(/\S.*\S/, { message: 'subjectName must have at least 2 characters' })
  @MaxLength(100)
  subjectName?: string;

  @ApiPropertyOptional({ description: "The professional's email, exact and case-insensitive: tasks held by that account or waiting for that address to register.", format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: "The form's key (`form.key`).", example: 'education-advice' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { message: 'formKey must be a form key (lower-case words joined by hyphens)' })
  formKey?: string;

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
  @ApiOperation({
    summary: "Every task's metadata for the helpdesk (never answers); re-assign with POST /tasks/{id}/reassign",
    description:
      'The helpdesk\'s search ("unable to find a form"): filters combine (AND), by status, work group, account, overdue, ' +
      "case reference, part of the child's name, the professional's email and the form. Paged with `limit` and `cursor`.",
  })
  @ApiOkResponse({ type: TaskPageDto })
  list(@Query() q: AdminTasksQueryDto): Promise<TaskPage> {
    return this.tasks.forAdmin(
      {
        status: q.status,
        workGroupId: q.workGroupId,
        accountId: q.accountId,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        reference: q.reference,
        subjectName: q.subjectName,
        email: q.email,
        formKey: q.formKey,
      },
      { sort: q.sort, order: q.order, limit: q.limit, cursor: q.cursor },
    );
  }
}
