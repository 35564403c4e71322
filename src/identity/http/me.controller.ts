import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../shared/http/access';
import { AccountViews } from '../application/account-view';
import { Authenticated } from '../application/session.use-cases';
import { UpdateMyDetails } from '../application/update-my-details';
import { CurrentAuth } from './current-auth';
import { AccountDto, UpdateMeDto } from './identity.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Identity')
@Controller('me')
export class MeController {
  constructor(
    private readonly views: AccountViews,
    private readonly update: UpdateMyDetails,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'My account',
    description: 'The signed-in account with its roles and work groups.',
  })
  @ApiOkResponse({ type: AccountDto })
  me(@CurrentAuth() auth: Authenticated): Promise<AccountDto> {
    return this.views.current(auth.account);
  }

  @Patch()
  @ApiOperation({
    summary: 'Update my details (the email is changed only by the helpdesk)',
    description: 'Only the properties sent change; invalid details are 422 `invalid_profile` with `errors`.',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiErrors('invalid_profile')
  async patch(@CurrentPrincipal() principal: Principal, @Body() body: UpdateMeDto): Promise<AccountDto> {
    return this.views.account(await this.update.execute(principal.accountId, body));
  }
}
