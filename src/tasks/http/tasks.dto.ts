import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TASK_LIST_VIEWS, TASK_SORTS, TaskListView } from '../application/list-tasks';
import { SortOrder, TaskSort } from '../application/task.ports';
import { FreeFormObject } from '../../shared/http/request-validation';
import { AssigneeViewDto, FormRefViewDto, SubjectViewDto, TaskDto, WorkGroupRefViewDto } from '../contract/task-view.dto';

/* Shapes only (400 invalid_request); answers, pages and files are judged by the domain (422/409/413/415). */

export { AssigneeViewDto, FormRefViewDto, SubjectViewDto, TaskDto, WorkGroupRefViewDto };

export class ListTasksQueryDto {
  @ApiPropertyOptional({ enum: TASK_LIST_VIEWS, default: 'to-complete' })
  @IsOptional()
  @IsIn(TASK_LIST_VIEWS)
  view?: TaskListView;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'dueDate' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: SortOrder;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ maxLength: 100, description: "part of the child's name or the case reference (case-insensitive; group-members: the reference only)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'a form key, e.g. education-advice' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  form?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: overdue tasks only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 0, maximum: 365, description: 'due within this many days from today (overdue included)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinDays?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'false: does not count as activity' })
  @IsOptional()
  @IsIn(['true', 'false'])
  touch?: string;
}

export class SaveAnswersDto {
  @ApiProperty({ description: 'The version you loaded; a stale one is 409 version_conflict', example: 1 })
  @IsInt()
  version!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The whole answer set, keyed by question id' })
  @FreeFormObject()
  answers!: Record<string, unknown>;
}

export class ValidateTaskDto {
  @ApiPropertyOptional({ description: 'One page; the whole form when left out' })
  @IsOptional()
  @IsString()
  pageId?: string;
}

export class SavedDraftDto {
  version!: number;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
  @ApiProperty({ enum: ['open', 'in_progress', 'submitted'] }) status!: string;
}

export class AnswerErrorDto {
  pageId!: string;
  questionId!: string;
  row?: number;
  columnId?: string;
  code!: string;
  message!: string;
}

export class ValidationResultDto {
  valid!: boolean;
  errors!: AnswerErrorDto[];
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  size!: number;
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class TaskPageDto {
  items!: TaskDto[];
  nextCursor!: string | null;
}

export class NoticeDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'The due date changed from 16-Dec-2026 to 23-Dec-2026.' }) text!: string;
}

export class TaskDetailDto extends TaskDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form definition' }) definition!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) prefill!: object;
  attachments!: AttachmentDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: "The task's audit entries, newest first" })
  history!: object[];
  @ApiProperty({ type: [NoticeDto], description: 'Changes the council made to the task (due date, note, prefill), newest first' })
  notices!: NoticeDto[];
}
