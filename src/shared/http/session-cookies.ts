import { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'portal_session';
export const CSRF_COOKIE = 'portal_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookies(reply: FastifyReply, token: string, csrf: string, secure: boolean, maxAgeSeconds: number): void {
  const common = { path: '/', sameSite: 'strict' as const, secure, maxAge: maxAgeSeconds };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  // Readable by the web client, which echoes it in X-CSRF-Token.
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'strict', httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict' });
}
