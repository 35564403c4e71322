import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { NotFoundError } from '../../shared/errors/domain-error';
import { IntegrationApi } from '../../shared/http/access';
import { DelegateTask } from '../../tasks';
import { IntegrationTaskView, TaskQueries } from '../../tasks';
import { WithdrawTask } from '../../tasks';
import { optionalStringsBody } from '../../shared/http/optional-body';
import { DeliveryStatus, TaskDelivery } from '../application/delivery-status';
import { DelegateTaskDto, IntegrationTaskDto, IntegrationTaskStatusDto, WithdrawTaskDto } from './integration.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Integration')
@IntegrationApi()
@Controller('integration/tasks')
export class IntegrationTasksController {
  constructor(
    private readonly delegate: DelegateTask,
    private readonly withdraw: WithdrawTask,
    private readonly queries: TaskQueries,
    private readonly deliveries: DeliveryStatus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Delegate a form to a person (email) or a work group',
    description:
      'Idempotent on externalRef: the same body again is 200 with the same task and no second email; a different body is 409.',
  })
  @ApiCreatedResponse({ type: IntegrationTaskDto })
  @ApiOkResponse({ type: IntegrationTaskDto })
  @ApiErrors(
    'external_ref_conflict',
    'invalid_delegation',
    'unknown_form',
    'invalid_prefill',
    'unknown_work_group',
    'assignee_disabled',
    'invalid_email',
  )
  async create(@Body() body: DelegateTaskDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<IntegrationTaskView> {
    const { created } = await this.delegate.execute({
      ...body,
      assignee:
        body.assignee.email !== undefined ? { email: body.assignee.email } : { workGroupKey: body.assignee.workGroupKey! },
    });
    const task = await this.queries.summaryByExternalRef(body.externalRef);
    if (!task) throw new NotFoundError();
    reply.status(created ? 201 : 200);
    return task;
  }

  @Get(':externalRef')
  @ApiOperation({
    summary: 'A task by its externalRef, with its submission and delivery status',
    description: 'Includes `externalRef`, the `submissionId` once submitted and the delivery status. A withdrawn task is 404.',
  })
  @ApiOkResponse({ type: IntegrationTaskStatusDto })
  async get(@Param('externalRef') externalRef: string): Promise<IntegrationTaskView & TaskDelivery> {
    const task = await this.queries.summaryByExternalRef(externalRef);
    if (!task) throw new NotFoundError();
    return { ...task, ...(await this.deliveries.forTask(task.id)) };
  }

  @Post(':externalRef/withdraw')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw a task: it vanishes for everyone and its answers and files are purged (not after submission)',
    description: 'The task answers 404 to everyone afterwards. Not after submission (409 `already_submitted`).',
  })
  @ApiBody({ type: WithdrawTaskDto, required: false })
  @ApiErrors('already_submitted')
  async withdrawTask(@Param('externalRef') externalRef: string, @Body() body: unknown): Promise<void> {
    optionalStringsBody(body, ['reason']);
    await this.withdraw.execute(externalRef);
  }
}
