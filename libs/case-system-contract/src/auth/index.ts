import type { HmacKey } from '../index';
import { CaseSystemAuth, NoCaseSystemAuth } from './case-system-auth';
import { HmacCaseSystemAuth } from './hmac-case-system-auth';
import { OAuth2CaseSystemAuth } from './oauth2-case-system-auth';

export { CaseSystemAuth, CaseSystemAuthError } from './case-system-auth';
export type { OutboundRequest } from './case-system-auth';

/** CASE_SYSTEM_AUTH and its settings, as app-config.ts validated them. */
export type CaseSystemAuthConfig =
  | { scheme: 'none' }
  | { scheme: 'hmac'; keys: HmacKey[] }
  | { scheme: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

const NONE: CaseSystemAuthConfig = { scheme: 'none' };
/** One adapter per configuration: contributions, task events and messages share one OAuth2 token. */
const adapters = new WeakMap<CaseSystemAuthConfig, CaseSystemAuth>();

/** The adapter CASE_SYSTEM_AUTH chose (app-config.ts has checked its settings). */
export function caseSystemAuthFor(config: { caseSystemAuth?: CaseSystemAuthConfig; deliveryTimeoutMs: number }): CaseSystemAuth {
  const auth = config.caseSystemAuth ?? NONE;
  let adapter = adapters.get(auth);
  if (!adapter) {
    adapter = create(auth, config.deliveryTimeoutMs);
    adapters.set(auth, adapter);
  }
  return adapter;
}

function create(auth: CaseSystemAuthConfig, timeoutMs: number): CaseSystemAuth {
  switch (auth.scheme) {
    case 'hmac':
      return new HmacCaseSystemAuth(auth.keys);
    case 'oauth2':
      return new OAuth2CaseSystemAuth({ ...auth, timeoutMs });
    case 'none':
      return new NoCaseSystemAuth();
  }
}
