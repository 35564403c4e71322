import request from 'supertest';
import { TestApp } from './test-app';

export const PASSWORD = 'a long and unusual passphrase 42';
export const API = '/api/v1';

export function registrationBody(email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Sam',
    lastName: 'Taylor',
    jobTitle: 'SENCo',
    organisation: 'Example Primary School',
    phone: '01632 960 001',
    address: { line1: '1 High Street', town: 'Exampleton', postcode: 'EX1 1AA' },
    professionalCapacity: true,
    email,
    password: PASSWORD,
    ...overrides,
  };
}

/** A signed-in browser: keeps the cookies and echoes the CSRF token on writes. */
export class PortalClient {
  constructor(
    readonly agent: request.Agent,
    readonly csrf: string,
    readonly accountId: string,
    readonly email: string,
    readonly sessionToken: string,
  ) {}

  get(path: string) {
    return this.agent.get(API + path);
  }
  post(path: string, body?: unknown) {
    const r = this.agent.post(API + path).set('X-CSRF-Token', this.csrf);
    return body === undefined ? r : r.send(body as object);
  }
  put(path: string, body: unknown) {
    return this.agent.put(API + path).set('X-CSRF-Token', this.csrf).send(body as object);
  }
  patch(path: string, body: unknown) {
    return this.agent.patch(API + path).set('X-CSRF-Token', this.csrf).send(body as object);
  }
  delete(path: string) {
    return this.agent.delete(API + path).set('X-CSRF-Token', this.csrf);
  }
}

export function cookieValue(res: request.Response, name: string): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const line = raw?.find((c) => c.startsWith(`${name}=`));
  return line ? decodeURIComponent(line.slice(name.length + 1).split(';')[0]) : undefined;
}

/** Registers through the API, reading the code out of the real email. Returns the account id. */
export async function register(t: TestApp, email: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const since = t.mail.mark();
  const start = await request(t.url).post(`${API}/registrations`).send(registrationBody(email, overrides)).expect(202);
  const code = await t.mail.codeFor(email, since);
  const verified = await request(t.url).post(`${API}/registrations/${start.body.registrationId}/verify`).send({ code }).expect(201);
  return verified.body.accountId as string;
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<PortalClient> {
  const agent = t.http();
  const since = t.mail.mark();
  const started = await agent.post(`${API}/auth/login`).send({ email, password }).expect(202);
  const code = await t.mail.codeFor(email, since);
  const verified = await agent.post(`${API}/auth/login/verify`).send({ challengeId: started.body.challengeId, code }).expect(200);
  const csrf = cookieValue(verified, 'portal_csrf');
  if (!csrf) throw new Error('no CSRF cookie after login');
  return new PortalClient(agent, csrf, verified.body.account.id, email, cookieValue(verified, 'portal_session')!);
}

export async function registerAndLogin(t: TestApp, email: string, overrides: Record<string, unknown> = {}): Promise<PortalClient> {
  await register(t, email, overrides);
  return login(t, email, (overrides.password as string | undefined) ?? PASSWORD);
}

export function integration(t: TestApp) {
  const auth = { Authorization: `Bearer ${'test-integration-key-0123456789abcdef'}` };
  return {
    get: (path: string) => request(t.url).get(API + path).set(auth),
    post: (path: string, body?: unknown) => request(t.url).post(API + path).set(auth).send(body as object),
    put: (path: string, body: unknown) => request(t.url).put(API + path).set(auth).send(body as object),
  };
}

/** Makes an account an admin the way operators do (the CLI's use case), then signs in. */
export async function registerAdmin(t: TestApp, email: string): Promise<PortalClient> {
  const { ProvisionAccounts } = await import('../../src/identity');
  await register(t, email);
  if ((await t.app.get(ProvisionAccounts).grantAdmin(email)) !== 'granted') throw new Error('grant-admin failed');
  return login(t, email);
}
