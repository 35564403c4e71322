import { HmacCaseSystemAuth } from '../../case-system-contract/src/auth/hmac-case-system-auth';
import { OAuth2CaseSystemAuth } from '../../case-system-contract/src/auth/oauth2-case-system-auth';
import { bodyHasher, parseHmacKeys } from '../../case-system-contract/src';
import type { StubAuthOptions } from './auth';
import { contributionBody } from './spec-fixtures';
import { startCaseSystemStub } from './server';
import type { CaseSystemStub } from './types';

/**
 * The portal's signer and token client against the stub's verifier, over real HTTP: what a council's
 * gateway would accept and refuse.
 */
const OLD = { id: 'k-2026-01', secret: 'old-secret-old-secret-old-secret-0001' };
const NEW = { id: 'k-2026-07', secret: 'new-secret-new-secret-new-secret-0002' };
const KEY = '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';
const BODY = JSON.stringify(contributionBody({ submissionId: KEY }));

function sha(text: string): string {
  const h = bodyHasher();
  h.update(text);
  return h.hex();
}

describe('Outbound authentication against the bundled stub', () => {
  let stub: CaseSystemStub;
  const auth: StubAuthOptions = {};

  beforeAll(async () => {
    stub = await startCaseSystemStub({ auth });
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    for (const k of Object.keys(auth)) delete (auth as Record<string, unknown>)[k];
  });

  async function post(headers: Record<string, string>, body = BODY, key = KEY) {
    const r = await fetch(`${stub.url}/contributions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
      body,
    });
    return { status: r.status, body: (await r.json()) as { code?: string; receiptId?: string } };
  }

  const signed = (signer: HmacCaseSystemAuth, body = BODY, key = KEY) =>
    signer.headers({ method: 'POST', path: '/contributions', idempotencyKey: key, bodySha256: sha(body) });

  describe('HMAC-SHA256', () => {
    it('accepts a signed request and refuses an unsigned one', async () => {
      auth.hmacKeys = [OLD];
      expect((await post(await signed(new HmacCaseSystemAuth([OLD])))).status).toBeLessThan(300);
      expect(await post({})).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    });

    it('rotation: both keys accepted while the gateway lists both; the retired key refused afterwards', async () => {
      auth.hmacKeys = [NEW, OLD];
      // CASE_SYSTEM_HMAC_KEYS lists the key to sign with first.
      const portalOld = new HmacCaseSystemAuth(parseHmacKeys(`${OLD.id}:${OLD.secret}`));
      const portalNew = new HmacCaseSystemAuth(parseHmacKeys(`${NEW.id}:${NEW.secret},${OLD.id}:${OLD.secret}`));
      expect((await post(await signed(portalOld))).status).toBeLessThan(300);
      expect((await post(await signed(portalNew))).status).toBeLessThan(300);
      auth.hmacKeys = [NEW];
      expect(await post(await signed(portalOld))).toMatchObject({ status: 401, body: { code: 'invalid_signature' } });
      expect((await post(await signed(portalNew))).status).toBeLessThan(300);
    });

    it('a secret that does not match its key id is refused', async () => {
      auth.hmacKeys = [OLD];
      const forged = new HmacCaseSystemAuth([{ id: OLD.id, secret: NEW.secret }]);
      expect(await post(await signed(forged))).toMatchObject({ status: 401, body: { code: 'invalid_signature' } });
    });

    it('a changed body or idempotency key breaks the signature', async () => {
      auth.hmacKeys = [OLD];
      const signer = new HmacCaseSystemAuth([OLD]);
      expect((await post(await signed(signer), BODY.replace('Doing well', 'Doing badly'))).status).toBe(401);
      const headers = await signed(signer);
      expect((await post(headers, BODY, '0193a1b2-0000-7e8f-9a0b-1c2d3e4f5a6b')).status).toBe(401);
    });

    it('a replayed request is refused, even within the window; a retry signed afresh is not', async () => {
      auth.hmacKeys = [OLD];
      const signer = new HmacCaseSystemAuth([OLD]);
      const headers = await signed(signer);
      expect((await post(headers)).status).toBeLessThan(300);
      expect(await post(headers)).toMatchObject({ status: 401, body: { code: 'replayed_request' } });
      // The same delivery retried in the same second carries a new nonce: accepted (200, same receipt).
      expect((await post(await signed(signer))).status).toBeLessThan(300);
    });

    it('clock skew: within the window accepted, beyond it refused as stale (either direction)', async () => {
      auth.hmacKeys = [OLD];
      const at = (offsetMs: number) => new HmacCaseSystemAuth([OLD], () => Date.now() + offsetMs);
      expect((await post(await signed(at(4 * 60_000)))).status).toBeLessThan(300);
      expect((await post(await signed(at(-4 * 60_000)))).status).toBeLessThan(300);
      expect(await post(await signed(at(6 * 60_000)))).toMatchObject({ status: 401, body: { code: 'stale_request' } });
      expect(await post(await signed(at(-6 * 60_000)))).toMatchObject({ status: 401, body: { code: 'stale_request' } });
      // The gateway's clock is the one that is off: same answer.
      auth.now = () => Date.now() + 10 * 60_000;
      expect(await post(await signed(at(0)))).toMatchObject({ status: 401, body: { code: 'stale_request' } });
    });
  });

  describe('OAuth2 client credentials', () => {
    const settings = () => ({
      tokenUrl: `${stub.url}/oauth/token`,
      clientId: 'portal',
      clientSecret: 'portal-client-secret',
      scope: 'contributions:write',
      timeoutMs: 2000,
    });

    it('one token for many requests, renewed shortly before it expires (not after)', async () => {
      let now = Date.now();
      auth.now = () => now;
      auth.oauth2 = { clientId: 'portal', clientSecret: 'portal-client-secret', tokenLifetimeSeconds: 100 };
      const client = new OAuth2CaseSystemAuth(settings(), () => now);
      const before = stub.tokenRequests();
      const first = await client.headers();
      expect((await post(first)).status).toBeLessThan(300);
      now += 50_000;
      expect(await client.headers()).toEqual(first);
      expect((await post(first)).status).toBeLessThan(300);
      expect(stub.tokenRequests() - before).toBe(1);
      // 91 s into a 100 s token: inside the renewal margin (a tenth), so a new one is fetched first.
      now += 41_000;
      const second = await client.headers();
      expect(second).not.toEqual(first);
      expect(stub.tokenRequests() - before).toBe(2);
      expect((await post(second)).status).toBeLessThan(300);
      // And the old one really would have been refused past its lifetime.
      now += 10_000;
      expect(await post(first)).toMatchObject({ status: 401, body: { code: 'invalid_token' } });
    });

    it('concurrent requests share one token request', async () => {
      auth.oauth2 = { clientId: 'portal', clientSecret: 'portal-client-secret' };
      const client = new OAuth2CaseSystemAuth(settings());
      const before = stub.tokenRequests();
      const all = await Promise.all([client.headers(), client.headers(), client.headers()]);
      expect(new Set(all.map((h) => h.authorization)).size).toBe(1);
      expect(stub.tokenRequests() - before).toBe(1);
    });

    it('after a 401 (revoked token) the next request fetches a new token', async () => {
      auth.oauth2 = { clientId: 'portal', clientSecret: 'portal-client-secret' };
      const client = new OAuth2CaseSystemAuth(settings());
      const first = await client.headers();
      expect((await post(first)).status).toBeLessThan(300);
      await client.headers();
      stub.revokeTokens();
      expect((await post(first)).status).toBe(401);
      expect(await client.afterUnauthorized(first)).toBe(true);
      const second = await client.headers();
      expect(second).not.toEqual(first);
      expect((await post(second)).status).toBeLessThan(300);
    });

    it('wrong client credentials: a permanent failure naming the token endpoint error, not retried', async () => {
      auth.oauth2 = { clientId: 'portal', clientSecret: 'another-secret' };
      const client = new OAuth2CaseSystemAuth(settings());
      await expect(client.headers()).rejects.toMatchObject({
        retryable: false,
        message: 'token endpoint answered HTTP 401 (invalid_client)',
      });
    });
  });
});
