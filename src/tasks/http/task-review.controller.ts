import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';
import { MAX_REVIEW_NOTE, ReviewTask } from '../application/review-task';
import { TaskView } from '../application/task-views';
import { TaskDto } from '../contract/task-view.dto';

export class RequestReviewDto {
  @ApiProperty({ format: 'uuid', description: 'a colleague in the work group the task came through' })
  @IsString()
  reviewerAccountId!: string;

  @ApiPropertyOptional({ maxLength: MAX_REVIEW_NOTE, description: 'plain text for the reviewer' })
  @IsOptional()
  @IsString()
  note?: string;

  @ApiProperty({ description: 'the task version you saw; stale: 409 version_conflict' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ReturnFromReviewDto {
  @ApiProperty({ maxLength: MAX_REVIEW_NOTE, description: 'plain text for the colleague who asked' })
  @IsString()
  comment!: string;

  @ApiPropertyOptional({ description: 'the task version you saw; stale: 409 version_conflict' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Review before submit: send a completed form to a colleague, and hand it back with a comment. */
@ApiTags('Tasks')
@Controller('tasks')
export class TaskReviewController {
  constructor(private readonly review: ReviewTask) {}

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the completed form to a colleague for review: they hold it, and can return it with a comment or submit it',
    description:
      'The holder only. The reviewer must be an active member of the group the task came through (422 invalid_reviewer); the saved form must be complete (422 validation_failed with errors); stale: 409 version_conflict; after submission 409 task_submitted.',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors('invalid_reviewer', 'validation_failed', 'text_too_long', 'version_conflict', 'task_submitted', 'pickup_required')
  send(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: RequestReviewDto): Promise<TaskView> {
    return this.review.request(me.accountId, id, body);
  }

  @Post(':id/review/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The reviewer hands the form back to whoever sent it, with a comment',
    description: 'The reviewer holding it only; not sent for review: 409 not_in_review; 422 text_too_long.',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors('not_in_review', 'text_too_long', 'version_conflict', 'task_submitted', 'pickup_required')
  giveBack(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: ReturnFromReviewDto): Promise<TaskView> {
    return this.review.giveBack(me.accountId, id, body);
  }
}
