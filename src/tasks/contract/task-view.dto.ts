import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The schema of a task as TaskViews shows it (TaskQueries' answer): published through tasks/index.ts
 * for the integration API, which serves the same view to the case system.
 */

export class FormRefViewDto {
  key!: string;
  version!: number;
  title!: string;
}

export class SubjectViewDto {
  reference!: string;
  displayName!: string;
}

export class WorkGroupRefViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  key!: string;
  name!: string;
}

export class AssigneeViewDto {
  @ApiProperty({ enum: ['account', 'work_group', 'email'] }) type!: string;
  @ApiPropertyOptional({ format: 'uuid' }) accountId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) workGroupId?: string;
  name?: string;
  email?: string;
}

class ReviewByDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() name!: string;
}

export class TaskReviewDto {
  @ApiProperty({ enum: ['ready_for_review', 'returned'], description: 'ready_for_review: with a colleague for review; returned: handed back by them' })
  state!: string;
  @ApiProperty({ type: ReviewByDto, description: 'ready_for_review: who sent it · returned: who reviewed it' }) by!: ReviewByDto;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, description: "the sender's note or the reviewer's comment" }) note!: string | null;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The form's title" }) title!: string;
  form!: FormRefViewDto;
  subject!: SubjectViewDto;
  @ApiProperty({ enum: ['open', 'in_progress', 'submitted'] }) status!: string;
  assignee!: AssigneeViewDto;
  @ApiProperty({ type: WorkGroupRefViewDto, nullable: true }) workGroup!: WorkGroupRefViewDto | null;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) dueDate!: string;
  overdue!: boolean;
  message!: string | null;
  @ApiProperty({ format: 'date-time' }) delegatedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) availableUntil!: string | null;
  version!: number;
  @ApiPropertyOptional({ type: TaskReviewDto, description: 'only while a review is under way or its comment stands (lists show "Ready for review")' })
  review?: TaskReviewDto;
}
