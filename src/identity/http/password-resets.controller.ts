import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../shared/http/access';
import { CompletePasswordReset, RequestPasswordReset, VerifyPasswordReset } from '../application/password-reset.use-cases';
import { AuthRateLimited } from './auth-rate-limit';
import { CodeDto, CompleteResetDto, PasswordResetRequestDto, PasswordResetStartedDto, ResetTokenDto } from './identity.dto';

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
  @ApiOperation({ summary: 'Forgotten password: always 202; the code is emailed only when the account exists' })
  @ApiAcceptedResponse({ type: PasswordResetStartedDto })
  start(@Body() body: PasswordResetRequestDto): Promise<PasswordResetStartedDto> {
    return this.request.execute(body.email);
  }

  @Post(':resetId/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify the emailed code: returns a reset token valid 10 minutes' })
  @ApiOkResponse({ type: ResetTokenDto })
  verifyCode(@Param('resetId') id: string, @Body() body: CodeDto): Promise<ResetTokenDto> {
    return this.verify.execute(id, body.code);
  }

  @Post(':resetId/complete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the new password; ends every session of the account' })
  async completeReset(@Param('resetId') id: string, @Body() body: CompleteResetDto): Promise<void> {
    await this.complete.execute(id, body.resetToken, body.newPassword);
  }
}
