import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { PickupTask } from '../application/pickup-task';
import { ReassignTask, ReassignTarget } from '../application/reassign-task';
import { ColleagueTaskView, TaskView } from '../application/task-views';
import { TaskDto } from './tasks.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

export class ReassignTargetDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString() accountId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString() workGroupId?: string;
}

export class ReassignDto {
  @ApiProperty({ type: ReassignTargetDto, description: 'exactly one of accountId or workGroupId' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReassignTargetDto)
  to!: ReassignTargetDto;

  @ApiPropertyOptional({ description: 'the task version you saw; stale: 409 version_conflict' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Group work: picking a task up from a work group, and passing a task on. */
@ApiTags('Tasks')
@Controller('tasks')
export class TaskMovesController {
  constructor(
    private readonly pickup: PickupTask,
    private readonly reassign: ReassignTask,
  ) {}

  @Post(':id/pickup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a task one of my work groups holds (409 already_picked_up / not_a_group_task)',
    description:
      'Of simultaneous pickups exactly one wins; the others get 409 `already_picked_up`. A task never sent to a group: 409 `not_a_group_task`.',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors('already_picked_up', 'not_a_group_task', 'task_submitted')
  pickUp(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.pickup.execute(me.accountId, id);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-assign to myself, a member of one of my groups, or one of my groups (admins: any; their own account only as a member of its group)',
    description:
      'The target must be one of my work groups or an active member of one (422 `invalid_target`). Moving to the current holder is a 200 no-op. Emails the new assignee.',
  })
  @ApiOkResponse({
    schema: { anyOf: [{ $ref: '#/components/schemas/TaskDto' }, { $ref: '#/components/schemas/ColleagueTaskDto' }] },
    description:
      'The task as the caller may see it after the move: the summary for its holder, a member of the holding group or an admin; ' +
      'otherwise only the group-members metadata (id, title, subject.reference, dueDate, overdue, assignee, workGroup).',
  })
  @ApiErrors('invalid_target', 'version_conflict', 'task_submitted', 'already_submitted')
  move(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: ReassignDto): Promise<TaskView | ColleagueTaskView> {
    const { accountId, workGroupId } = body.to;
    if ((accountId === undefined) === (workGroupId === undefined)) {
      throw new InvalidRequestError([{ path: 'to', message: 'to must have exactly one of accountId or workGroupId' }]);
    }
    const target: ReassignTarget = accountId !== undefined ? { accountId } : { workGroupId: workGroupId! };
    return this.reassign.execute(
      { accountId: me.accountId, name: me.name, isAdmin: me.roles.includes('admin') },
      id,
      target,
      body.version,
    );
  }
}
