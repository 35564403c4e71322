import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AccessConfig } from '../../config/config-slices';
import { CurrentPrincipal, Principal, Public } from '../../shared/http/access';
import { clearSessionCookies, setSessionCookies } from '../../shared/http/session-cookies';
import { AccountViews } from '../application/account-view';
import { ResendLoginCode } from '../application/resend-login-code';
import { Logout } from '../application/session.use-cases';
import { VerifyLogin } from '../application/verify-login';
import { ABSOLUTE_LIFETIME_MS } from '../domain/session';
import { AuthRateLimited } from './auth-rate-limit';
import { csrfTokenFor } from './csrf';
import { LocalLoginGuard } from './local-login.guard';
import { LoginStarted } from './local.strategy';
import { CurrentAuth } from './current-auth';
import { Authenticated } from '../application/session.use-cases';
import { AccountAndSessionDto, LoginDto, LoginStartedDto, ResendLoginDto, VerifyLoginDto } from './identity.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly verifyLogin: VerifyLogin,
    private readonly resendLogin: ResendLoginCode,
    private readonly logout: Logout,
    private readonly views: AccountViews,
    private readonly config: AccessConfig,
  ) {}

  @Post('login')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email and password: emails a fresh 8-digit code',
    description:
      'Unknown email, wrong password, disabled or locked account all give the same 401 `invalid_credentials` (no oracle).',
  })
  @ApiAcceptedResponse({ type: LoginStartedDto })
  @ApiErrors('invalid_credentials')
  // passport-local (LocalStrategy) runs the StartLogin use case; the body is checked first (the guard).
  @UseGuards(LocalLoginGuard)
  login(@Body() _body: LoginDto, @Req() request: { user: LoginStarted }): LoginStartedDto {
    return request.user;
  }

  @Post('login/verify')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The emailed code: opens a session (sets portal_session and portal_csrf cookies)',
    description:
      'Sets the `portal_session` (HttpOnly) and `portal_csrf` cookies. A wrong code is 400 `invalid_code`; 5 wrong codes or 10 minutes: 410 `challenge_expired`.',
  })
  @ApiOkResponse({ type: AccountAndSessionDto })
  @ApiErrors('invalid_code', 'challenge_expired')
  async verify(@Body() body: VerifyLoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccountAndSessionDto> {
    const { token, session, account } = await this.verifyLogin.execute(body.challengeId, body.code);
    setSessionCookies(reply, token, csrfTokenFor(token), this.config.secureCookies, ABSOLUTE_LIFETIME_MS / 1000);
    return { account: await this.views.account(account), session: this.views.session(session) };
  }

  @Post('login/resend')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new login code',
    description: 'As the registration resend: at most one a minute and three per login (429 `resend_too_soon`).',
  })
  @ApiErrors('resend_too_soon', 'challenge_expired')
  async resend(@Body() body: ResendLoginDto): Promise<void> {
    await this.resendLogin.execute(body.challengeId);
  }

  @Get('session')
  @ApiOperation({
    summary: 'The current session; counts as activity unless touch=false',
    description: 'Counts as activity (extends the idle timeout) unless `touch=false`, which idle warnings use.',
  })
  @ApiQuery({ name: 'touch', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: AccountAndSessionDto })
  async session(@CurrentAuth() auth: Authenticated, @Query('touch') _touch?: string): Promise<AccountAndSessionDto> {
    return { account: await this.views.current(auth.account), session: this.views.session(auth.session) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End the session now',
    description: 'The session token is dead server-side at once and both cookies are cleared.',
  })
  async signOut(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.logout.execute(principal.sessionId);
    clearSessionCookies(reply);
  }
}
