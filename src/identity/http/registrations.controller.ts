import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../shared/http/access';
import { Register } from '../application/register';
import { ResendRegistrationCode } from '../application/resend-registration-code';
import { VerifyRegistration } from '../application/verify-registration';
import { AuthRateLimited } from './auth-rate-limit';
import { AccountCreatedDto, CodeDto, RegisterDto, RegistrationStartedDto } from './identity.dto';

@ApiTags('Identity')
@Public()
@AuthRateLimited()
@Controller('registrations')
export class RegistrationsController {
  constructor(
    private readonly register: Register,
    private readonly verify: VerifyRegistration,
    private readonly resend: ResendRegistrationCode,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Register: emails an 8-digit code (same answer whether or not the email has an account)' })
  @ApiAcceptedResponse({ type: RegistrationStartedDto })
  start(@Body() body: RegisterDto): Promise<RegistrationStartedDto> {
    return this.register.execute(body);
  }

  @Post(':registrationId/verify')
  @HttpCode(201)
  @ApiOperation({ summary: 'Verify the emailed code and create the account' })
  @ApiCreatedResponse({ type: AccountCreatedDto })
  verifyCode(@Param('registrationId') id: string, @Body() body: CodeDto): Promise<AccountCreatedDto> {
    return this.verify.execute(id, body.code);
  }

  @Post(':registrationId/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a new code (at most once a minute, three times)' })
  async resendCode(@Param('registrationId') id: string): Promise<void> {
    await this.resend.execute(id);
  }
}
