import fastifyMultipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '../errors/domain-error';
import { InvalidRequestError } from './request-validation';

/**
 * Multipart for attachment uploads: one file per request, cut off at `maxFileBytes` (tasks' 10 MiB) by the parser itself
 * (the upload use case sees `truncated` and answers 413 `file_too_large`). Called from bootstrap,
 * next to the cookie plugin, so the parser exists before routes are registered.
 */
export async function registerMultipart(app: NestFastifyApplication, maxFileBytes: number): Promise<void> {
  await app.register(
    fastifyMultipart as never,
    {
      limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
      throwFileSizeLimit: false,
    } as never,
  );
}

/**
 * Busboy's own errors — a body that is not the multipart it claims to be, or one that ends early —
 * are the client's doing: 400 `invalid_request`, not a 500. Anything else passes through unchanged.
 */
export function malformedMultipart(error: unknown): unknown {
  const e = error as { code?: string; message?: string; statusCode?: number } | undefined;
  if (error instanceof DomainError || typeof e?.statusCode === 'number') return error;
  if (
    e?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    /^(Multipart: |Unexpected end of |Malformed part header)/.test(e?.message ?? '')
  ) {
    return new InvalidRequestError([{ path: 'file', message: 'the multipart body is malformed or ended early' }]);
  }
  return error;
}
