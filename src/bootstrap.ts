import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
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
import { migrate } from './shared/database/migrate';
import { requestValidationPipe } from './shared/http/request-validation';
import { serializeResponse } from './shared/http/response-serializer';
import { problem } from './shared/http/problem';
import { createRootLogger, PinoNestLogger } from './shared/logging/logger';
import { registerMultipart } from './tasks/http/multipart';
import { serveWebClient } from './web-client';
import { registerSecurityHeaders } from './shared/http/security-headers';
import { registerRequestParsing } from './shared/http/json-body';
import { earlyErrorHandlers } from './shared/http/problem-details.filter';
import { runInRequestContext } from './shared/database/request-context';

export const API_PREFIX = 'api/v1';
/** JSON bodies are small (answers up to a few hundred KB); files go through multipart with their own limit. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;

export interface CreateAppOptions {
  /** Replace providers, e.g. the Clock in tests. */
  overrides?: { provide: unknown; useValue: unknown }[];
  logger?: Logger;
}

/** Builds the whole portal (not yet listening). `config.databaseUrl` must be resolved. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    // Deep JSON or prototype keys must never reach the application.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ...earlyErrorHandlers(config.secureCookies),
  } as never);

  const module: Type<unknown> | ReturnType<typeof AppModule.register> = AppModule.register(config);
  let app: NestFastifyApplication;
  if (options.overrides?.length) {
    const { Test } = await import('@nestjs/testing');
    let builder = Test.createTestingModule({ imports: [module] });
    for (const o of options.overrides) builder = builder.overrideProvider(o.provide).useValue(o.useValue);
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, { logger: new PinoNestLogger(logger) });
  } else {
    app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { logger: new PinoNestLogger(logger) });
  }

  const fastify = app.getHttpAdapter().getInstance();
  // Every request gets its own EntityManager context (identity map, transaction), as MikroORM's
  // documentation does it for Fastify, forked when the request first uses the ORM.
  const orm = app.get(MikroORM);
  fastify.addHook('onRequest', (_request, _reply, done) => runInRequestContext(orm.em, done));
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
  await registerMultipart(app);
  await app.register(
    fastifyRateLimit as never,
    {
      global: false,
      errorResponseBuilder: () => problem(429, 'rate_limited', 'Too many requests: wait a moment and try again'),
    } as never,
  );

  const webDir = webClientDir();
  if (webDir) await serveWebClient(app, webDir, config.councilName);

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(requestValidationPipe());
  // No enableShutdownHooks(): start.ts owns SIGTERM/SIGINT and calls app.close() (which runs every
  // shutdown hook) before stopping the embedded database; Nest's own handler would re-raise the
  // signal and kill the process halfway through that.

  // Migrations run before the app serves: the schema is never synchronised implicitly.
  await migrate(app.get(MikroORM), config.databaseUrl!, config.embeddedDatabase);
  setupSwagger(app);
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Professional Portal API')
    .setDescription(
      'The HTTP contract of the Professional Portal: identity, tasks, work groups, administration and the case-system integration. ' +
        'Errors are RFC 9457 problem details with a stable `code`.',
    )
    .setVersion('1')
    .addCookieAuth('portal_session', { type: 'apiKey', in: 'cookie', name: 'portal_session' }, 'session')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, 'csrf')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Integration key (INTEGRATION_API_KEYS)' }, 'integration')
    .build();
  return SwaggerModule.createDocument(app, doc, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
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
