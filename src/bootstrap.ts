import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, OpenAPIObject } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { Clock } from './shared/clock/clock';
import { migrate } from './shared/database/migrate';
import { requestValidationPipe } from './shared/http/request-validation';
import { serializeResponse } from './shared/http/response-serializer';
import { createRootLogger, PinoNestLogger } from './shared/logging/logger';
import { lazyRequestLogger } from './shared/logging/lazy-request-logger';
import { registerMultipart } from './shared/http/multipart';
import { rateLimitStore } from './shared/http/rate-limit-store';
import { runWithRequestId } from './shared/logging/log-context';
import { MAX_FILE_BYTES } from './tasks';
import { serveWebClient } from './web-client';
import { registerSecurityHeaders } from './shared/http/security-headers';
import { registerRequestParsing } from './shared/http/json-body';
import { earlyErrorHandlers } from './shared/http/problem-details.filter';
import { watchIdleConnections } from './shared/http/connection-watchdog';
import { runInRequestContext } from './shared/database/request-context';
import { completeContract } from './shared/http/openapi/complete-contract';
import { FormJsonSchema } from './shared/http/openapi/form-schemas';
import { Draining, drainOnShutdown } from './shared/http/draining';

export const API_PREFIX = 'api/v1';
/** JSON bodies are small (answers up to a few hundred KB); files go through multipart with their own limit. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;

export interface CreateAppOptions {
  /** The portal's time, when not the system's (tests give a clock they can move). */
  clock?: Clock;
  logger?: Logger;
}

/** Builds the whole portal (not yet listening). `config.databaseUrl` must be resolved. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Each request's child logger is made when the request first writes a line (most write none).
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: JSON_BODY_LIMIT,
    ...httpTimeouts(config),
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    // Deep JSON or prototype keys must never reach the application.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Requests arriving during shutdown are refused by drainOnShutdown, as problem+json.
    return503OnClosing: false,
    ...earlyErrorHandlers(config.secureCookies),
  } as never);

  const module = AppModule.register(config, { clock: options.clock });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: new PinoNestLogger(logger) });

  const fastify = app.getHttpAdapter().getInstance();
  drainOnShutdown(fastify, app.get(Draining));
  watchIdleConnections(app.getHttpServer(), { idleMs: config.http.idleTimeoutMs, keepAliveMs: config.http.keepAliveTimeoutMs });
  // Every request gets its own EntityManager context (identity map, transaction), as MikroORM's
  // documentation does it for Fastify, forked when the request first uses the ORM.
  const orm = app.get(MikroORM);
  fastify.addHook('onRequest', (request, _reply, done) => runWithRequestId(request.id, () => runInRequestContext(orm.em, done)));
  // The API speaks JSON (and multipart for files): a plain-text body is 415, not a string to validate.
  fastify.removeContentTypeParser('text/plain');
  fastify.setReplySerializer(serializeResponse);
  registerRequestParsing(app, JSON_BODY_LIMIT);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // What the API answers is one person's work about a child: never kept by a browser or a proxy.
    if (request.url.startsWith(`/${API_PREFIX}/`) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  await registerSecurityHeaders(app, config.secureCookies);
  await app.register(fastifyCookie as never);
  await registerMultipart(app, MAX_FILE_BYTES);
  const limitStore = rateLimitStore(config, logger);
  fastify.addHook('onClose', async () => limitStore.close());
  await app.register(
    fastifyRateLimit as never,
    {
      global: false,
      ...limitStore.options,
      // The plugin throws what this returns: an error carrying its status, which the problem filter
      // turns into 429 rate_limited (a plain problem object without statusCode became a 500).
      errorResponseBuilder: (_request: unknown, context: { statusCode: number }) =>
        Object.assign(new Error('Too many requests'), { statusCode: context.statusCode, code: 'FST_ERR_RATE_LIMITED' }),
    } as never,
  );

  const webDir = webClientDir();
  if (webDir) await serveWebClient(app, webDir, {
      councilName: config.councilName,
      supportEmail: config.supportEmail,
      supportPhone: config.supportPhone,
      supportHours: config.supportHours,
    });

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(requestValidationPipe());
  // No enableShutdownHooks(): start.ts owns SIGTERM/SIGINT and calls app.close() (which runs every
  // shutdown hook) before stopping the embedded database; Nest's own handler would re-raise the
  // signal and kill the process halfway through that.

  // Migrations run before the app serves: the schema is never synchronised implicitly.
  await migrate(app.get(MikroORM), config.databaseUrl!, config.embeddedDatabase);
  setupSwagger(app);
  return app;
}

/**
 * A client that declares a body and trickles it, sends headers a byte at a time, or idles must not
 * hold a connection for minutes. Node checks the request and header deadlines every
 * `connectionsCheckingInterval` (30 s by default, far too coarse for these bounds); a refusal is a
 * 408 problem document (see `earlyErrorHandlers`).
 */
function httpTimeouts(config: AppConfig) {
  const { requestTimeoutMs, headersTimeoutMs, idleTimeoutMs, keepAliveTimeoutMs } = config.http;
  return {
    requestTimeout: requestTimeoutMs,
    // Idle sockets are closed by `watchIdleConnections` (Node's own idle timers are refreshed by the
    // frequent deadline checks); these stay as a backstop.
    connectionTimeout: idleTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(headersTimeoutMs / 4))),
    },
  };
}

export function buildOpenApiDocument(app: INestApplication, formSchema?: FormJsonSchema): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Professional Portal API')
    .setDescription(
      'The HTTP contract of the Professional Portal: identity, tasks, work groups, administration and the case-system integration. ' +
        'Errors are RFC 9457 problem details with a stable `code`. ' +
        'Their `title` and `detail` (and answer errors\u2019 `message`) are in English, or in Welsh when the signed-in account\u2019s ' +
        'preferredLanguage is `cy` or, without a session, when `Accept-Language` weighs `cy` highest; `code`, `status` and the ' +
        'document\u2019s shape are the same in both, and `Content-Language` says which was used.',
    )
    .setVersion('1')
    .build();
  // Security schemes, error responses, headers, servers, tags and the typed unions: complete-contract.ts.
  const explored = SwaggerModule.createDocument(app, doc, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return completeContract(explored, app, formSchema);
}

function setupSwagger(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    swaggerOptions: { withCredentials: true, persistAuthorization: true },
  });
}

export function webClientDir(): string | undefined {
  const dir = join(__dirname, '..', '..', 'web', 'dist');
  const alt = join(process.cwd(), 'web', 'dist');
  return [dir, alt].find((d) => existsSync(join(d, 'index.html')));
}
