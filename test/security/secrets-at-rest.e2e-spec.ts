import request from 'supertest';
import { API, cookieValue, PASSWORD, registrationBody } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { settleMail } from '../support/task-fixtures';

/**
 * What a stolen database or backup would reveal: no password, code, session token, CSRF token or
 * reset token in any column of any table — only slow (argon2id) or keyed hashes.
 */
describe('Secrets at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** Tables whose rows contain `needle` anywhere (every column, as text). */
  async function tablesContaining(needle: string): Promise<string[]> {
    const tables = await sql<{ table_name: string }>(
      t,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const found: string[] = [];
    for (const { table_name: table } of tables) {
      const [row] = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM "${table}" x WHERE strpos(to_jsonb(x)::text, ?) > 0`,
        [needle],
      );
      if (row.n > 0) found.push(table);
    }
    return found;
  }

  it('stores passwords as argon2id (OWASP parameters) and no secret in clear anywhere', async () => {
    const email = 'secret.keeper@school.example';
    const secrets: Record<string, string> = { password: PASSWORD };

    let since = t.mail.mark();
    const started = await request(t.url).post(`${API}/registrations`).send(registrationBody(email)).expect(202);
    secrets.registrationCode = await t.mail.codeFor(email, since);
    await request(t.url)
      .post(`${API}/registrations/${started.body.registrationId}/verify`)
      .send({ code: secrets.registrationCode })
      .expect(201);

    since = t.mail.mark();
    const login = await request(t.url).post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(202);
    secrets.loginCode = await t.mail.codeFor(email, since);
    const verified = await request(t.url)
      .post(`${API}/auth/login/verify`)
      .send({ challengeId: login.body.challengeId, code: secrets.loginCode })
      .expect(200);
    secrets.sessionToken = cookieValue(verified, 'portal_session')!;
    secrets.csrfToken = cookieValue(verified, 'portal_csrf')!;

    since = t.mail.mark();
    const reset = await request(t.url).post(`${API}/password-resets`).send({ email }).expect(202);
    secrets.resetCode = await t.mail.codeFor(email, since);
    const token = await request(t.url)
      .post(`${API}/password-resets/${reset.body.resetId}/verify`)
      .send({ code: secrets.resetCode })
      .expect(200);
    secrets.resetToken = token.body.resetToken;
    secrets.newPassword = `${PASSWORD} renewed`;
    await request(t.url)
      .post(`${API}/password-resets/${reset.body.resetId}/complete`)
      .send({ resetToken: secrets.resetToken, newPassword: secrets.newPassword })
      .expect(204);
    await settleMail(t, 300); // sent mail bodies (which carry the codes) are deleted

    const [account] = await sql<{ password_hash: string }>(t, 'SELECT password_hash FROM accounts WHERE email = ?', [email]);
    expect(account.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    const exposed = Object.fromEntries(
      await Promise.all(Object.entries(secrets).map(async ([name, value]) => [name, await tablesContaining(value)])),
    );
    expect(exposed).toEqual(Object.fromEntries(Object.keys(secrets).map((name) => [name, []])));
  });
});
