import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { StartLogin } from '../application/start-login';

export interface LoginStarted {
  challengeId: string;
  expiresAt: string;
}

/**
 * The password step of signing in as a passport-local strategy (`AuthGuard('local')`, see
 * LocalLoginGuard). `validate` is the StartLogin use case: it answers the same 401
 * `invalid_credentials` for an unknown address, a wrong password, a disabled or a locked account, at
 * the same cost, and on success emails the code. What passport calls "the user" is the challenge.
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly startLogin: StartLogin) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  validate(email: string, password: string): Promise<LoginStarted> {
    return this.startLogin.execute(email, password);
  }
}
