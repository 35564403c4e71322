import fastifyMultipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_FILE_BYTES } from '../domain/attachment-policy';

/**
 * Multipart for attachment uploads: one file per request, cut off at 10 MiB by the parser itself
 * (the upload use case sees `truncated` and answers 413 `file_too_large`). Called from bootstrap,
 * next to the cookie plugin, so the parser exists before routes are registered.
 */
export async function registerMultipart(app: NestFastifyApplication): Promise<void> {
  await app.register(
    fastifyMultipart as never,
    {
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
      throwFileSizeLimit: false,
    } as never,
  );
}
