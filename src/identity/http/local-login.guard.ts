import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { requestValidationPipe } from '../../shared/http/request-validation';
import { StartLogin } from '../application/start-login';
import { InvalidCredentialsError } from '../domain/identity-errors';
import { LoginDto } from './identity.dto';

const validation = requestValidationPipe();

/**
 * `AuthGuard('local')` for POST /auth/login, with the order API.md asks for. Guards run before
 * pipes, so the body's shape is checked here first: a malformed body is 400 `invalid_request`
 * before any 401. passport-local refuses an empty email or password itself, before `validate`
 * (and without computing a hash): those go to the same use case, for the same 401 at the same cost.
 * Errors of the use case (the 401 `invalid_credentials`) pass through passport unchanged.
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  constructor(private readonly startLogin: StartLogin) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    const body = (await validation.transform(request.body, { type: 'body', metatype: LoginDto })) as LoginDto;
    request.body = body;
    if (!body.email || !body.password) await this.startLogin.execute(body.email, body.password);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error;
    // Not reached with the checks above (the use case throws its own 401 first).
    if (!user) throw new InvalidCredentialsError();
    return user;
  }
}
