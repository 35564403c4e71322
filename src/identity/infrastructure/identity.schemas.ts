import { EntitySchema } from '@mikro-orm/core';
import { Account } from '../domain/account';
import { LoginChallenge } from '../domain/login-challenge';
import { PasswordReset } from '../domain/password-reset';
import { Registration } from '../domain/registration';
import { Session } from '../domain/session';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const nullableTimestamp = { ...timestamp, nullable: true } as const;

function codeChallengeProperties() {
  return {
    id: { type: 'uuid', primary: true },
    codeHash: { type: 'string', columnType: 'text', nullable: true },
    codeSentAt: timestamp,
    attempts: { type: 'integer' },
    resendCount: { type: 'integer' },
    usedAt: nullableTimestamp,
    createdAt: timestamp,
  } as const;
}

export const AccountSchema = new EntitySchema<Account>({
  class: Account,
  tableName: 'accounts',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', columnType: 'text' },
    passwordHash: { type: 'string', columnType: 'text' },
    firstName: { type: 'string', columnType: 'text' },
    lastName: { type: 'string', columnType: 'text' },
    jobTitle: { type: 'string', columnType: 'text', nullable: true },
    organisation: { type: 'string', columnType: 'text' },
    phone: { type: 'string', columnType: 'text', nullable: true },
    address: { type: 'json' },
    roles: { type: 'string[]', columnType: 'text[]' },
    disabled: { type: 'boolean' },
    preferredLanguage: { type: 'string', columnType: 'text' },
    failedLoginCount: { type: 'integer' },
    failedLoginWindowStartedAt: nullableTimestamp,
    lockedUntil: nullableTimestamp,
    lockNoticeSentAt: nullableTimestamp,
    codeFailuresDay: { type: 'string', columnType: 'text', nullable: true },
    codeFailuresCount: { type: 'integer' },
    alreadyRegisteredNoticeAt: nullableTimestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: { type: 'integer' },
  },
});

export const RegistrationSchema = new EntitySchema<Registration>({
  class: Registration,
  tableName: 'registrations',
  properties: {
    ...codeChallengeProperties(),
    email: { type: 'string', columnType: 'text' },
    details: { type: 'json', nullable: true },
    passwordHash: { type: 'string', columnType: 'text', nullable: true },
  },
});

export const LoginChallengeSchema = new EntitySchema<LoginChallenge>({
  class: LoginChallenge,
  tableName: 'login_challenges',
  properties: {
    ...codeChallengeProperties(),
    accountId: { type: 'uuid' },
  },
});

export const PasswordResetSchema = new EntitySchema<PasswordReset>({
  class: PasswordReset,
  tableName: 'password_resets',
  properties: {
    ...codeChallengeProperties(),
    accountId: { type: 'uuid', nullable: true },
    verifiedAt: nullableTimestamp,
    resetTokenHash: { type: 'string', columnType: 'text', nullable: true },
    requestedFromHash: { type: 'string', columnType: 'text', nullable: true },
  },
});

export const SessionSchema = new EntitySchema<Session>({
  class: Session,
  tableName: 'sessions',
  properties: {
    id: { type: 'uuid', primary: true },
    tokenHash: { type: 'string', columnType: 'text' },
    accountId: { type: 'uuid' },
    createdAt: timestamp,
    lastSeenAt: timestamp,
    absoluteExpiresAt: timestamp,
    endedAt: nullableTimestamp,
  },
});

export const identitySchemas = [AccountSchema, RegistrationSchema, LoginChallengeSchema, PasswordResetSchema, SessionSchema];
