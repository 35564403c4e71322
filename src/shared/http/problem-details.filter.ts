import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-errors';
import { loggableError, loggableMessage } from '../logging/loggable-error';
import { DomainError } from '../errors/domain-error';
import { languageFromAcceptLanguage } from '../i18n/accept-language';
import type { Language } from '../i18n/language';
import { problemText } from '../i18n/problem-language';
import type { PortalRequest } from './access';
import { clearSessionCookies } from './session-cookies';
import { problem, PROBLEM_CONTENT_TYPE, ProblemDocument, STATUS_OF_KIND } from './problem';

const logger = new Logger('Errors');
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Codes whose 401 tells the browser its session is gone: the cookies are cleared with it. */
const SESSION_ENDING_CODES = new Set(['unauthenticated', 'session_expired']);

/**
 * The language a problem is written in (issue 23): the signed-in account's preferredLanguage, else
 * the request's Accept-Language; English by default. Codes and statuses are the same in every language.
 */
export function requestLanguage(request: FastifyRequest): Language {
  return (request as PortalRequest).principal?.language ?? languageFromAcceptLanguage(request.headers['accept-language']);
}

/** The title and detail in the language (API.md: English unless the reader prefers Welsh). */
export function localizeProblem(body: ProblemDocument, language: Language): ProblemDocument {
  if (language === 'en') return body;
  const localized = { ...body, title: problemText(language, body.title) };
  if (typeof body.detail === 'string') localized.detail = problemText(language, body.detail);
  return localized;
}

/** Turns anything thrown into RFC 9457 problem details. Internals never reach the client. */
export function toProblem(error: unknown, requestId: string, language: Language = 'en'): ProblemDocument {
  if (error instanceof DomainError) {
    const more: Partial<ProblemDocument> = { ...(error.options.extra ?? {}) };
    if (error.options.detail) more.detail = error.options.detail;
    if (error.options.errors) more.errors = error.options.errorsIn?.(language) ?? error.options.errors;
    return localizeProblem(problem(STATUS_OF_KIND[error.kind], error.code, error.title, more), language);
  }
  return localizeProblem(frameworkProblem(error, requestId), language);
}

function frameworkProblem(error: unknown, requestId: string): ProblemDocument {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === HttpStatus.NOT_FOUND) return problem(404, 'not_found', 'Not found');
    if (status === HttpStatus.FORBIDDEN) return problem(403, 'forbidden', 'You do not have permission to do this');
    if (status === HttpStatus.UNAUTHORIZED) return problem(401, 'unauthenticated', 'Sign in to continue');
    // Fastify's own errors (bad JSON, content type, body size) arrive here wrapped by Nest.
    if (status < 500) return fromFastifyError(status, undefined, error.message);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string } | undefined;
  if (fastifyError && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return fromFastifyError(fastifyError.statusCode, fastifyError.code, fastifyError.message);
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug and not the client's doing: the database is restarting or out of reach. Say so and
    // when to retry; one line in the log, no stack.
    logger.warn(`database unavailable (request ${requestId}): ${loggableMessage(error)}`);
    return problem(503, 'database_unavailable', 'The service is briefly unavailable', {
      detail: 'Try again in a moment.',
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  logger.error(`unexpected error (request ${requestId}): ${loggableError(error)}`);
  return problem(500, 'internal_error', 'Something went wrong on our side', {
    detail: `Try again later. If it keeps happening, quote this reference: ${requestId}`,
    correlationId: requestId,
  });
}

/** Errors Fastify raises before a route runs: body parsing, size limits, content types. */
function fromFastifyError(status: number, code: string | undefined, message: string | undefined): ProblemDocument {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return problem(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem(415, 'unsupported_media_type', 'Send the request as application/json');
    case 'FST_ERR_RATE_LIMITED':
      return problem(429, 'rate_limited', 'Too many requests: wait a moment and try again');
    default:
      if (status === 429) return problem(429, 'rate_limited', 'Too many requests: wait a moment and try again');
      if (status === 404) return problem(404, 'not_found', 'Not found');
      if (status === 413) return problem(413, 'payload_too_large', 'The request body is too large');
      if (status === 415) return problem(415, 'unsupported_media_type', 'This content type is not accepted');
      return problem(400, 'invalid_request', 'The request is not valid', {
        errors: [{ path: '', message: sanitise(message) }],
      });
  }
}

function sanitise(message: string | undefined): string {
  // Fastify's JSON parse messages are safe (no internals), but keep them short.
  return (message ?? 'Malformed request').slice(0, 200);
}

export function sendProblem(reply: FastifyReply, body: ProblemDocument, language: Language = 'en'): void {
  if (SESSION_ENDING_CODES.has(body.code)) clearSessionCookies(reply);
  reply.header('content-language', language === 'cy' ? 'cy' : 'en');
  if (body.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
  if (body.code === 'database_unavailable') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  // A 503 that says when to come back (e.g. uploads_busy) says it in the header too.
  const retryAfter = (body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (body.status === 503 && typeof retryAfter === 'number' && !reply.getHeader('retry-after')) reply.header('retry-after', String(retryAfter));
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const language = requestLanguage(request);
    sendProblem(reply, toProblem(exception, String(request.id), language), language);
  }
}

/**
 * The security headers (see security-headers.ts) for the few answers sent before any hook runs. A
 * problem document loads nothing, so its policy is the strictest one.
 */
function earlyHeaders(https: boolean): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Answers for what is refused before any hook or route runs, as problem details like everything else
 * (not Fastify's or Node's own JSON): errors of Fastify's router (a malformed percent-encoding, a path
 * parameter longer than any id) and of Node's HTTP parser (malformed HTTP, oversized headers).
 */
export function earlyErrorHandlers(https: boolean) {
  const headers = earlyHeaders(https);
  return {
    frameworkErrors(error: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
      void reply.headers(headers);
      const language = requestLanguage(request);
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendProblem(reply, localizeProblem(problem(404, 'not_found', 'Not found'), language), language);
      }
      if (error.code === 'FST_ERR_BAD_URL') {
        const errors = [{ path: '', message: 'the address is not valid' }];
        const body = problem(400, 'invalid_request', 'The request is not valid', { errors });
        return sendProblem(reply, localizeProblem(body, language), language);
      }
      sendProblem(reply, toProblem(error, String(request.id), language), language);
    },
    clientErrorHandler(
      error: { code?: string },
      socket: { writable: boolean; destroyed: boolean; write(data: string): void; destroy(): void },
    ): void {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, reason, body] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [
              431,
              'Request Header Fields Too Large',
              problem(431, 'headers_too_large', 'The request address or headers are too large'),
            ]
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout', problem(408, 'request_timeout', 'The request took too long to arrive')]
            : [400, 'Bad Request', problem(400, 'invalid_request', 'The request is not valid HTTP')];
      const text = JSON.stringify(body);
      const lines = Object.entries({
        ...headers,
        'content-type': PROBLEM_CONTENT_TYPE,
        'content-length': String(Buffer.byteLength(text)),
        connection: 'close',
      });
      if (socket.writable)
        socket.write(`HTTP/1.1 ${status} ${reason}\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${text}`);
      socket.destroy();
    },
  };
}
