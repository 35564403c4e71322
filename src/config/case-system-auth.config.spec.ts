import { ConfigError, loadConfig } from './app-config';

const BASE = { DATABASE_URL: 'postgresql://u@h:5432/db', INTEGRATION_API_KEYS: 'a-key-of-sixteen-or-more' };
const KEYS = 'k1:a-signing-secret-of-at-least-32-chars,k0:the-previous-secret-also-32-chars-long';

describe('CASE_SYSTEM_AUTH', () => {
  it('is required with CASE_SYSTEM_URL: the error names the variable', () => {
    expect(() => loadConfig({ ...BASE, CASE_SYSTEM_URL: 'https://gw.council.example' })).toThrow(
      new ConfigError('CASE_SYSTEM_AUTH', 'is required when CASE_SYSTEM_URL is set: hmac, oauth2, or none (explicitly)'),
    );
  });

  it('is not needed without CASE_SYSTEM_URL (the embedded in-process stub)', () => {
    expect(loadConfig(BASE).caseSystemAuth).toEqual({ scheme: 'none' });
  });

  it('none only by explicit choice', () => {
    expect(loadConfig({ ...BASE, CASE_SYSTEM_URL: 'https://gw.example', CASE_SYSTEM_AUTH: 'none' }).caseSystemAuth).toEqual({
      scheme: 'none',
    });
  });

  it('hmac reads the keys, the first one signing', () => {
    const config = loadConfig({
      ...BASE,
      CASE_SYSTEM_URL: 'https://gw.example',
      CASE_SYSTEM_AUTH: 'hmac',
      CASE_SYSTEM_HMAC_KEYS: KEYS,
    });
    expect(config.caseSystemAuth).toEqual({
      scheme: 'hmac',
      keys: [
        { id: 'k1', secret: 'a-signing-secret-of-at-least-32-chars' },
        { id: 'k0', secret: 'the-previous-secret-also-32-chars-long' },
      ],
    });
  });

  it.each([
    [{ CASE_SYSTEM_AUTH: 'hmac' }, 'CASE_SYSTEM_HMAC_KEYS'],
    [{ CASE_SYSTEM_AUTH: 'hmac', CASE_SYSTEM_HMAC_KEYS: 'k1:short' }, 'CASE_SYSTEM_HMAC_KEYS'],
    [
      { CASE_SYSTEM_AUTH: 'hmac', CASE_SYSTEM_HMAC_KEYS: 'no-colon-here-and-long-enough-to-be-a-secret' },
      'CASE_SYSTEM_HMAC_KEYS',
    ],
    [{ CASE_SYSTEM_AUTH: 'oauth2' }, 'CASE_SYSTEM_OAUTH_TOKEN_URL'],
    [{ CASE_SYSTEM_AUTH: 'oauth2', CASE_SYSTEM_OAUTH_TOKEN_URL: 'https://idp.example/token' }, 'CASE_SYSTEM_OAUTH_CLIENT_ID'],
    [
      {
        CASE_SYSTEM_AUTH: 'oauth2',
        CASE_SYSTEM_OAUTH_TOKEN_URL: 'https://idp.example/token',
        CASE_SYSTEM_OAUTH_CLIENT_ID: 'portal',
      },
      'CASE_SYSTEM_OAUTH_CLIENT_SECRET',
    ],
    [{ CASE_SYSTEM_AUTH: 'basic' }, 'CASE_SYSTEM_AUTH'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig({ ...BASE, CASE_SYSTEM_URL: 'https://gw.example', ...env })).toThrow(
      `Invalid configuration: ${variable}`,
    );
  });

  it('oauth2 reads the client credentials and the optional scope', () => {
    const config = loadConfig({
      ...BASE,
      CASE_SYSTEM_URL: 'https://gw.example',
      CASE_SYSTEM_AUTH: 'oauth2',
      CASE_SYSTEM_OAUTH_TOKEN_URL: 'https://idp.example/oauth2/token',
      CASE_SYSTEM_OAUTH_CLIENT_ID: 'portal',
      CASE_SYSTEM_OAUTH_CLIENT_SECRET: 's3cret',
      CASE_SYSTEM_OAUTH_SCOPE: 'contributions:write',
    });
    expect(config.caseSystemAuth).toEqual({
      scheme: 'oauth2',
      tokenUrl: 'https://idp.example/oauth2/token',
      clientId: 'portal',
      clientSecret: 's3cret',
      scope: 'contributions:write',
    });
  });
});
