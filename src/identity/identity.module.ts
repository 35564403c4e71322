import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PassportModule } from '@nestjs/passport';
import { AccountLookup } from './application/account-lookup';
import { RecipientLanguages } from '../notifications';
import { AccountViews } from './application/account-view';
import { AdministerAccounts } from './application/administer-accounts';
import { AdminAccountsController } from './http/admin-accounts.controller';
import { AccountRepository, ChallengeRepository, PasswordHasher, SessionRepository } from './application/identity.ports';
import { CompletePasswordReset, RequestPasswordReset, VerifyPasswordReset } from './application/password-reset.use-cases';
import { ProvisionAccounts } from './application/provision-accounts';
import { Register } from './application/register';
import { ResendLoginCode } from './application/resend-login-code';
import { ResendRegistrationCode } from './application/resend-registration-code';
import { AuthenticateSession, Logout } from './application/session.use-cases';
import { StartLogin } from './application/start-login';
import { UpdateMyDetails } from './application/update-my-details';
import { VerifyLogin } from './application/verify-login';
import { VerifyRegistration } from './application/verify-registration';
import { AccessGuard } from './http/access.guard';
import { LocalLoginGuard } from './http/local-login.guard';
import { LocalStrategy } from './http/local.strategy';
import { AuthController } from './http/auth.controller';
import { MeController } from './http/me.controller';
import { PasswordResetsController } from './http/password-resets.controller';
import { RegistrationsController } from './http/registrations.controller';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { IdentityCleanupJob } from './infrastructure/identity-cleanup.job';
import { identitySchemas } from './infrastructure/identity.schemas';
import {
  PostgresAccountRepository,
  MikroOrmChallengeRepository,
  PostgresSessionRepository,
} from './infrastructure/mikro-orm-identity.repositories';

/*
 * Global, like every context module: contexts inject what another context exports without importing
 * its module file (which would reach that context's controllers and adapters); AppModule and the CLI's
 * OperationsModule, the composition roots, import each module once. Contexts meet through index.ts.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature(identitySchemas), PassportModule],
  controllers: [RegistrationsController, AuthController, PasswordResetsController, MeController, AdminAccountsController],
  providers: [
    { provide: AccountRepository, useClass: PostgresAccountRepository },
    { provide: ChallengeRepository, useClass: MikroOrmChallengeRepository },
    { provide: SessionRepository, useClass: PostgresSessionRepository },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: APP_GUARD, useClass: AccessGuard },
    LocalStrategy,
    LocalLoginGuard,
    AccountViews,
    AccountLookup,
    ProvisionAccounts,
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
  // The published use cases and queries (see index.ts); repositories stay inside.
  exports: [AccountLookup, ProvisionAccounts],
})
export class IdentityModule {
  constructor(languages: RecipientLanguages, accounts: AccountLookup) {
    // Notifications cannot ask identity (it sits below every context): identity answers it instead.
    languages.answerFrom((email) => accounts.languageOf(email));
  }
}
