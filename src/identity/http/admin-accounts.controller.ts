import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { AdminOnly, CurrentPrincipal, Principal } from '../../shared/http/access';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { AccountViews, AccountView } from '../application/account-view';
import { AdministerAccounts } from '../application/administer-accounts';
import { Account } from '../domain/account';
import { AccountDto } from './identity.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

export class AdminAccountDto extends AccountDto {
  @ApiProperty() disabled!: boolean;
}

export class AdminAccountListDto {
  @ApiProperty({ type: [AdminAccountDto] }) items!: AdminAccountDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AdminUpdateAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsString() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() organisation?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({
    description: 'true: lift a lockout and the day’s wrong-code block (e.g. spent by a stranger); audited as account.updated',
  })
  @IsOptional()
  @IsBoolean()
  clearSignInBlocks?: boolean;
}

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly admin: AdministerAccounts,
    private readonly views: AccountViews,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find an account by its exact email (case-insensitive)',
    description: 'An exact, case-insensitive match on the email: a list of zero or one account.',
  })
  @ApiQuery({ name: 'email', required: true })
  @ApiOkResponse({ type: AdminAccountListDto })
  async find(@Query('email') email?: string): Promise<AdminAccountListDto> {
    if (typeof email !== 'string' || !email.trim()) {
      throw new InvalidRequestError([{ path: 'email', message: 'email is required' }]);
    }
    const found = await this.admin.findByEmail(email);
    return { items: await Promise.all(found.map((a) => this.view(a))), nextCursor: null };
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change email (old address told, sessions end), organisation, or disable (sessions end)',
    description:
      'An email change tells the old address and ends the sessions; tasks stay with the person. `disabled: true` ends every session. An address in use is 409 `email_in_use`.',
  })
  @ApiOkResponse({ type: AdminAccountDto })
  @ApiErrors('email_in_use', 'invalid_email', 'invalid_profile')
  async update(
    @CurrentPrincipal() me: Principal,
    @Param('id') id: string,
    @Body() body: AdminUpdateAccountDto,
  ): Promise<AdminAccountDto> {
    return this.view(await this.admin.update(me.accountId, id, body));
  }

  private async view(account: Account): Promise<AccountView & { disabled: boolean }> {
    return { ...(await this.views.account(account)), disabled: account.disabled };
  }
}
