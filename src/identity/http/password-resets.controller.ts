import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../shared/http/access';
import { CompletePasswordReset, RequestPasswordReset, VerifyPasswordReset } from '../application/password-reset.use-cases';
import { AuthRateLimited } from './auth-rate-limit';
import { CodeDto, CompleteResetDto, PasswordResetRequestDto, PasswordResetStartedDto, ResetTokenDto } from './identity.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Identity')
@Public()
@AuthRateLimited()
@Controller('password-resets')
export class PasswordResetsController {
  constructor(
    private readonly request: RequestPasswordReset,
    private readonly verify: VerifyPasswordReset,
    private readonly complete: CompletePasswordReset,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forgotten password: always 202; the code is emailed only when the account exists',
    description:
      'Always the same 202 whether or not the address has an account; the code is emailed only when it does (at most 5 reset emails an hour per account).',
  })
  @ApiAcceptedResponse({ type: PasswordResetStartedDto })
  start(@Body() body: PasswordResetRequestDto, @Req() request: FastifyRequest): Promise<PasswordResetStartedDto> {
    return this.request.execute(body.email, request.ip);
  }

  @Post(':resetId/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify the emailed code: returns a reset token valid 10 minutes',
    description:
      'A wrong code is 400 `invalid_code`; after 5 wrong codes or 10 minutes, 410 `reset_expired`. Made-up reset ids behave like real ones.',
  })
  @ApiOkResponse({ type: ResetTokenDto })
  @ApiErrors('invalid_code', 'reset_expired')
  verifyCode(@Param('resetId') id: string, @Body() body: CodeDto): Promise<ResetTokenDto> {
    return this.verify.execute(id, body.code);
  }

  @Post(':resetId/complete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set the new password; ends every session of the account',
    description:
      'Within 10 minutes of verifying (410 `reset_expired`); the password policy is that of registration (422 `weak_password`). Does not sign in.',
  })
  @ApiErrors('invalid_token', 'reset_expired', 'weak_password')
  async completeReset(@Param('resetId') id: string, @Body() body: CompleteResetDto): Promise<void> {
    await this.complete.execute(id, body.resetToken, body.newPassword);
  }
}
