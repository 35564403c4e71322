import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal, Principal } from '../../shared/http/access';
import { decodeCursor, encodeCursor, parseLimit } from '../../shared/http/pagination';
import { AdministerWorkGroups } from '../application/administer-work-groups';
import { AddMemberDto, CreateWorkGroupDto, UpdateWorkGroupDto, WorkGroupDto, WorkGroupPageDto } from './work-groups.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

const isKeyCursor = (v: unknown): v is { k: string } =>
  typeof v === 'object' && v !== null && typeof (v as { k: unknown }).k === 'string';

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/work-groups')
export class AdminWorkGroupsController {
  constructor(private readonly admin: AdministerWorkGroups) {}

  @Get()
  @ApiOperation({
    summary: 'All work groups with their members, by key',
    description: 'Cursor pagination as every list.',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: WorkGroupPageDto })
  async list(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<WorkGroupPageDto> {
    const page = await this.admin.list(parseLimit(limit), decodeCursor(cursor, isKeyCursor)?.k);
    return { items: page.items, nextCursor: page.full && page.lastKey ? encodeCursor({ k: page.lastKey }) : null };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a work group (duplicate key: 409 work_group_exists)',
    description: '`key` is unique and permanent; a duplicate is 409 `work_group_exists`.',
  })
  @ApiCreatedResponse({ type: WorkGroupDto })
  @ApiErrors('work_group_exists', 'invalid_work_group')
  create(@CurrentPrincipal() me: Principal, @Body() body: CreateWorkGroupDto): Promise<WorkGroupDto> {
    return this.admin.create(me.accountId, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: WorkGroupDto })
  @ApiOperation({
    summary: 'A work group with its members',
    description: 'Members include pending ones (an email not registered yet).',
  })
  get(@Param('id') id: string): Promise<WorkGroupDto> {
    return this.admin.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WorkGroupDto })
  @ApiOperation({
    summary: "Change a work group's name, organisation or notification email",
    description: 'The key never changes. Invalid details: 422 `invalid_work_group`.',
  })
  @ApiErrors('invalid_work_group')
  update(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: UpdateWorkGroupDto): Promise<WorkGroupDto> {
    return this.admin.update(me.accountId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a work group (409 work_group_in_use while it holds tasks)',
    description: 'Only an empty group can go: while it holds tasks, 409 `work_group_in_use`.',
  })
  @ApiNoContentResponse()
  @ApiErrors('work_group_in_use')
  async remove(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<void> {
    await this.admin.delete(me.accountId, id);
  }

  @Post(':id/members')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Add a member by email (someone not registered yet becomes a member on registration)',
    description: 'Adding a present member again changes nothing.',
  })
  @ApiErrors('invalid_work_group')
  async addMember(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() body: AddMemberDto): Promise<void> {
    await this.admin.addMember(me.accountId, id, body.email);
  }

  @Delete(':id/members/:accountId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member (an account id, or the email of a pending member); takes effect at once',
    description: 'Tasks the person holds stay with them.',
  })
  async removeMember(
    @CurrentPrincipal() me: Principal,
    @Param('id') id: string,
    @Param('accountId') member: string,
  ): Promise<void> {
    await this.admin.removeMember(me.accountId, id, member);
  }
}
