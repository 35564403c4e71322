import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../shared/http/access';
import { languageFromAcceptLanguage } from '../../shared/i18n/accept-language';
import { Register } from '../application/register';
import { ResendRegistrationCode } from '../application/resend-registration-code';
import { VerifyRegistration } from '../application/verify-registration';
import { AuthRateLimited } from './auth-rate-limit';
import { AccountCreatedDto, CodeDto, RegisterDto, RegistrationStartedDto } from './identity.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

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
  @ApiOperation({
    summary: 'Register: emails an 8-digit code (same answer whether or not the email has an account)',
    description:
      'Exactly the same answer whether or not the email already has an account (its owner is emailed instead). `professionalCapacity` must be true; passwords follow the policy (12\u2013128 characters, not common, not the email). The code email is in `language` (else Accept-Language: Welsh when it prefers `cy`; else English), and so is the new account\u2019s preferredLanguage.',
  })
  @ApiAcceptedResponse({ type: RegistrationStartedDto })
  @ApiErrors('professional_capacity_required', 'weak_password', 'invalid_email', 'invalid_profile')
  start(@Body() body: RegisterDto, @Headers('accept-language') acceptLanguage?: string): Promise<RegistrationStartedDto> {
    return this.register.execute({ ...body, language: body.language ?? languageFromAcceptLanguage(acceptLanguage) });
  }

  @Post(':registrationId/verify')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Verify the emailed code and create the account',
    description: 'A wrong code is 400 `invalid_code`; after 5 wrong codes or 10 minutes, 410 `registration_expired`.',
  })
  @ApiCreatedResponse({ type: AccountCreatedDto })
  @ApiErrors('invalid_code', 'registration_expired')
  verifyCode(@Param('registrationId') id: string, @Body() body: CodeDto): Promise<AccountCreatedDto> {
    return this.verify.execute(id, body.code);
  }

  @Post(':registrationId/resend')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new code (at most once a minute, three times)',
    description:
      'The old code dies. At most one a minute and three per registration (429 `resend_too_soon` with `retryAfterSeconds`).',
  })
  @ApiErrors('resend_too_soon', 'registration_expired')
  async resendCode(@Param('registrationId') id: string): Promise<void> {
    await this.resend.execute(id);
  }
}
