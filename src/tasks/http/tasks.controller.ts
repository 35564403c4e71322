import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { GetTask } from '../application/get-task';
import { ListTasks, TaskPage } from '../application/list-tasks';
import { SaveAnswers, SavedDraft } from '../application/save-answers';
import { TaskDetailView } from '../application/task-views';
import { ValidateTask } from '../application/validate-task';
import { optionalStringsBody } from './optional-body';
import {
  ListTasksQueryDto,
  SaveAnswersDto,
  SavedDraftDto,
  TaskDetailDto,
  TaskPageDto,
  ValidateTaskDto,
  ValidationResultDto,
} from './tasks.dto';

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
  @ApiOperation({ summary: 'My task lists: to-complete (default), work-groups, group-members, recently-submitted' })
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto): Promise<TaskPage> {
    return this.listTasks.execute(principal.accountId, { ...query, view: query.view ?? 'to-complete' });
  }

  @Get(':id')
  @ApiOperation({ summary: 'The task with its form, draft answers, prefill, attachments and history (the assignee only)' })
  @ApiOkResponse({ type: TaskDetailDto })
  detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskDetailView> {
    return this.getTask.execute(principal.accountId, id);
  }

  @Put(':id/answers')
  @ApiOperation({ summary: "Replace the draft's whole answer set (draft validation; optimistic version)" })
  @ApiOkResponse({ type: SavedDraftDto })
  save(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: SaveAnswersDto): Promise<SavedDraft> {
    return this.saveAnswers.execute(principal.accountId, id, body);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mandatory and type checks of the saved draft, for one page or the whole form' })
  @ApiBody({ type: ValidateTaskDto, required: false })
  @ApiOkResponse({ type: ValidationResultDto })
  validate(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ValidationResultDto> {
    const { pageId } = optionalStringsBody(body, ['pageId']);
    return this.validateTask.execute(principal.accountId, id, pageId);
  }
}
