import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AccountViews } from './application/account-view';
import { AdministerAccounts } from './application/administer-accounts';
import { AdminAccountsController } from './http/admin-accounts.controller';
import { AccountRepository, ChallengeRepository, PasswordHasher, SessionRepository } from './application/identity.ports';
import { CompletePasswordReset, RequestPasswordReset, VerifyPasswordReset } from './application/password-reset.use-cases';
import { Register } from './application/register';
import { ResendLoginCode } from './application/resend-login-code';
import { ResendRegistrationCode } from './application/resend-registration-code';
import { AuthenticateSession, Logout } from './application/session.use-cases';
import { StartLogin } from './application/start-login';
import { UpdateMyDetails } from './application/update-my-details';
import { VerifyLogin } from './application/verify-login';
import { VerifyRegistration } from './application/verify-registration';
import { AccessGuard } from './http/access.guard';
import { AuthController } from './http/auth.controller';
import { MeController } from './http/me.controller';
import { PasswordResetsController } from './http/password-resets.controller';
import { RegistrationsController } from './http/registrations.controller';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { IdentityCleanupJob } from './infrastructure/identity-cleanup.job';
import { identitySchemas } from './infrastructure/identity.schemas';
import {
  MikroOrmAccountRepository,
  MikroOrmChallengeRepository,
  MikroOrmSessionRepository,
} from './infrastructure/mikro-orm-identity.repositories';

@Module({
  imports: [MikroOrmModule.forFeature(identitySchemas)],
  controllers: [RegistrationsController, AuthController, PasswordResetsController, MeController, AdminAccountsController],
  providers: [
    { provide: AccountRepository, useClass: MikroOrmAccountRepository },
    { provide: ChallengeRepository, useClass: MikroOrmChallengeRepository },
    { provide: SessionRepository, useClass: MikroOrmSessionRepository },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: APP_GUARD, useClass: AccessGuard },
    AccountViews,
    Register,
    VerifyRegistration,
    ResendRegistrationCode,
    StartLogin,
    VerifyLogin,
    ResendLoginCode,
    RequestPasswordReset,
    VerifyPasswordReset,
    CompletePasswordReset,
    AuthenticateSession,
    Logout,
    UpdateMyDetails,
    AdministerAccounts,
    IdentityCleanupJob,
  ],
  exports: [AccountRepository, SessionRepository, PasswordHasher, AccountViews],
})
export class IdentityModule {}
