import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { GetTask } from '../application/get-task';
import { ListTasks, TaskPage } from '../application/list-tasks';
import { SaveAnswers, SavedDraft } from '../application/save-answers';
import { TaskDetailView } from '../application/task-views';
import { ValidateTask } from '../application/validate-task';
import { optionalStringsBody } from '../../shared/http/optional-body';
import {
  ListTasksQueryDto,
  SaveAnswersDto,
  SavedDraftDto,
  TaskDetailDto,
  TaskPageDto,
  ValidateTaskDto,
  ValidationResultDto,
} from './tasks.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly listTasks: ListTasks,
    private readonly getTask: GetTask,
    private readonly saveAnswers: SaveAnswers,
    private readonly validateTask: ValidateTask,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'My task lists: to-complete (default), work-groups, group-members, recently-submitted',
    description:
      '`view` picks the list; `sort`/`order` apply to to-complete. Cursor pagination: pass `nextCursor` back as `cursor`.',
  })
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto): Promise<TaskPage> {
    return this.listTasks.execute(principal.accountId, {
      ...query,
      overdue: query.overdue === 'true',
      view: query.view ?? 'to-complete',
    });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The task with its form, draft answers, prefill, attachments and history (the assignee only)',
    description:
      'Only the individual assignee sees the content; a member of the holding work group gets 403 `pickup_required`, anyone else 404.',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors('pickup_required')
  detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskDetailView> {
    return this.getTask.execute(principal.accountId, id);
  }

  @Put(':id/answers')
  @ApiOperation({
    summary: "Replace the draft's whole answer set (draft validation; optimistic version)",
    description:
      'Incomplete is fine; type errors are 422 `invalid_answers`, read-only questions 422 `read_only`, unknown ids 422 `unknown_question` (nothing saved). Stale `version`: 409 `version_conflict`; after submission 409 `task_submitted`.',
  })
  @ApiOkResponse({ type: SavedDraftDto })
  @ApiErrors('invalid_answers', 'read_only', 'unknown_question', 'version_conflict', 'task_submitted', 'pickup_required')
  save(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: SaveAnswersDto): Promise<SavedDraft> {
    return this.saveAnswers.execute(principal.accountId, id, body);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mandatory and type checks of the saved draft, for one page or the whole form',
    description:
      'Errors come in form order with page and question ids; an unknown `pageId` is 422 `unknown_page`. ' +
      'Messages are in the account’s preferredLanguage (Welsh labels where the form has them); codes are the same in every language.',
  })
  @ApiBody({ type: ValidateTaskDto, required: false })
  @ApiOkResponse({ type: ValidationResultDto })
  @ApiErrors('unknown_page', 'pickup_required')
  validate(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ValidationResultDto> {
    const { pageId } = optionalStringsBody(body, ['pageId']);
    return this.validateTask.execute(principal.accountId, id, pageId, principal.language);
  }
}
