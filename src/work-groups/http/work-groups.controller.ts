import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { WorkGroupQueries } from '../application/work-group-queries';
import { MyWorkGroupsDto } from './work-groups.dto';

@ApiTags('Tasks')
@Controller('work-groups')
export class WorkGroupsController {
  constructor(private readonly queries: WorkGroupQueries) {}

  @Get()
  @ApiOperation({
    summary: 'My work groups and their active members (the re-assign picker)',
    description: 'Each of my groups with its active members, for choosing where to re-assign a task.',
  })
  @ApiOkResponse({ type: MyWorkGroupsDto })
  async mine(@CurrentPrincipal() me: Principal): Promise<MyWorkGroupsDto> {
    const groups = await this.queries.myGroups(me.accountId);
    return { items: groups.map(({ id, key, name, members }) => ({ id, key, name, members })) };
  }
}
