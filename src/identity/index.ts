/**
 * The identity context's public entry: what other contexts may use of it. Use cases and read
 * queries, the events it publishes, and the port it asks of work groups. Nothing else of identity
 * (repositories, the `accounts` table, the password hasher) is reachable from outside, but for
 * `AccountStatements`: the fragments that the measured statements of other contexts fold in.
 */
export { AccountLookup } from './application/account-lookup';
export type { AccountSummary } from './application/account-lookup';
export { ProvisionAccounts } from './application/provision-accounts';
export type { GrantAdminResult, ProvisionedAccount } from './application/provision-accounts';
export { AccountWorkGroups } from './application/identity.ports';
export type { AccountDisabled, AccountEmailChanged, AccountRegistered, IdentityEvent } from './domain/identity-events';
export { AccountStatements } from './contract/account-statements';
