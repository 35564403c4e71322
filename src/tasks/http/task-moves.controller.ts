import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { PickupTask } from '../application/pickup-task';
import { ReassignTask, ReassignTarget } from '../application/reassign-task';
import { TaskView } from '../application/task-views';
import { TaskDto } from './tasks.dto';

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
  @ApiOperation({ summary: 'Take a task one of my work groups holds (409 already_picked_up / not_a_group_task)' })
  @ApiOkResponse({ type: TaskDto })
  pickUp(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.pickup.execute(me.accountId, id);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-assign to myself, a member of one of my groups, or one of my groups (admins: any)' })
  @ApiOkResponse({ type: TaskDto })
  move(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: ReassignDto): Promise<TaskView> {
    const { accountId, workGroupId } = body.to;
    if ((accountId === undefined) === (workGroupId === undefined)) {
      throw new InvalidRequestError([{ path: 'to', message: 'to must have exactly one of accountId or workGroupId' }]);
    }
    const target: ReassignTarget = accountId !== undefined ? { accountId } : { workGroupId: workGroupId! };
    return this.reassign.execute({ accountId: me.accountId, name: me.name, isAdmin: me.roles.includes('admin') }, id, target, body.version);
  }
}
