import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { TASK_LIST_VIEWS, TASK_SORTS, TaskListView } from '../application/list-tasks';
import { SortOrder, TaskSort } from '../application/task.ports';
import { FreeFormObject } from '../../shared/http/request-validation';

/* Shapes only (400 invalid_request); answers, pages and files are judged by the domain (422/409/413/415). */

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
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
  @ApiProperty({ enum: ['open', 'in_progress', 'submitted'] }) status!: string;
}

export class AnswerErrorDto {
  @ApiProperty() pageId!: string;
  @ApiProperty() questionId!: string;
  @ApiPropertyOptional() row?: number;
  @ApiPropertyOptional() columnId?: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ValidationResultDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [AnswerErrorDto] }) errors!: AnswerErrorDto[];
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class FormRefViewDto {
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
}

export class SubjectViewDto {
  @ApiProperty() reference!: string;
  @ApiProperty() displayName!: string;
}

export class WorkGroupRefViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
}

export class AssigneeViewDto {
  @ApiProperty({ enum: ['account', 'work_group', 'email'] }) type!: string;
  @ApiPropertyOptional({ format: 'uuid' }) accountId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) workGroupId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() email?: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The form's title" }) title!: string;
  @ApiProperty({ type: FormRefViewDto }) form!: FormRefViewDto;
  @ApiProperty({ type: SubjectViewDto }) subject!: SubjectViewDto;
  @ApiProperty({ enum: ['open', 'in_progress', 'submitted'] }) status!: string;
  @ApiProperty({ type: AssigneeViewDto }) assignee!: AssigneeViewDto;
  @ApiProperty({ type: WorkGroupRefViewDto, nullable: true }) workGroup!: WorkGroupRefViewDto | null;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) dueDate!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) delegatedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) availableUntil!: string | null;
  @ApiProperty() version!: number;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class TaskDetailDto extends TaskDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form definition' }) definition!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) prefill!: object;
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: "The task's audit entries, newest first" })
  history!: object[];
}
