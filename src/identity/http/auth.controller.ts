import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { CurrentPrincipal, Principal, Public } from '../../shared/http/access';
import { clearSessionCookies, setSessionCookies } from '../../shared/http/session-cookies';
import { AccountViews } from '../application/account-view';
import { ResendLoginCode } from '../application/resend-login-code';
import { Logout } from '../application/session.use-cases';
import { StartLogin } from '../application/start-login';
import { VerifyLogin } from '../application/verify-login';
import { ABSOLUTE_LIFETIME_MS } from '../domain/session';
import { AuthRateLimited } from './auth-rate-limit';
import { csrfTokenFor } from './csrf';
import { CurrentAuth } from './current-auth';
import { Authenticated } from '../application/session.use-cases';
import { AccountAndSessionDto, LoginDto, LoginStartedDto, ResendLoginDto, VerifyLoginDto } from './identity.dto';

@ApiTags('Identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly startLogin: StartLogin,
    private readonly verifyLogin: VerifyLogin,
    private readonly resendLogin: ResendLoginCode,
    private readonly logout: Logout,
    private readonly views: AccountViews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({ summary: 'Email and password: emails a fresh 8-digit code' })
  @ApiAcceptedResponse({ type: LoginStartedDto })
  login(@Body() body: LoginDto): Promise<LoginStartedDto> {
    return this.startLogin.execute(body.email, body.password);
  }

  @Post('login/verify')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'The emailed code: opens a session (sets portal_session and portal_csrf cookies)' })
  @ApiOkResponse({ type: AccountAndSessionDto })
  async verify(@Body() body: VerifyLoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccountAndSessionDto> {
    const { token, session, account } = await this.verifyLogin.execute(body.challengeId, body.code);
    setSessionCookies(reply, token, csrfTokenFor(token), this.config.secureCookies, ABSOLUTE_LIFETIME_MS / 1000);
    return { account: await this.views.account(account), session: this.views.session(session) };
  }

  @Post('login/resend')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a new login code' })
  async resend(@Body() body: ResendLoginDto): Promise<void> {
    await this.resendLogin.execute(body.challengeId);
  }

  @Get('session')
  @ApiOperation({ summary: 'The current session; counts as activity unless touch=false' })
  @ApiQuery({ name: 'touch', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: AccountAndSessionDto })
  async session(@CurrentAuth() auth: Authenticated, @Query('touch') _touch?: string): Promise<AccountAndSessionDto> {
    return { account: await this.views.current(auth.account), session: this.views.session(auth.session) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session now' })
  async signOut(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.logout.execute(principal.sessionId);
    clearSessionCookies(reply);
  }
}
