import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Access, ACCESS_KEY } from '../access';
import { API_ERRORS_KEY } from './api-errors.decorator';
import { PROBLEM_CODES, ProblemCode } from './problem-catalogue';
import { FORM_JSON_SCHEMA, FormJsonSchema, formComponentSchemas } from './form-schemas';
import { addExamples } from './examples';
import { contractSchemas, patchSchemas } from './schema-patches';

const FASTIFY_ROUTE_CONFIG = '__fastify_route_config__';
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const PROBLEM_JSON = 'application/problem+json';

interface RouteFacts {
  access: Access;
  errors: ProblemCode[];
  rateLimited: boolean;
}

const TAGS: { name: string; description: string }[] = [
  { name: 'Identity', description: 'Registration, sign-in with an emailed code, sessions, password reset and my details.' },
  { name: 'Tasks', description: 'Forms delegated to me or my work groups: lists, drafts, files, submission, moves.' },
  { name: 'Work groups', description: 'The work groups I belong to (for the re-assign picker).' },
  {
    name: 'Administration',
    description: 'Council staff and helpdesk (role `admin`): groups, accounts, tasks, deliveries, audit.',
  },
  {
    name: 'Integration',
    description: 'The case-management system → portal: form definitions and delegation (bearer integration key).',
  },
];

/**
 * Turns what Nest's explorer writes into the complete contract (issue 18): security on every
 * operation from the route's access rule, problem-details error responses with their `code`s, the
 * headers every answer carries, typed form definitions and answers, servers, tags and a licence.
 * Done on the document rather than with one decorator per fact so that no route can forget it.
 */
export function completeContract(
  document: OpenAPIObject,
  app: INestApplication,
  formSchema: FormJsonSchema = FORM_JSON_SCHEMA,
): OpenAPIObject {
  const facts = routeFacts(app);
  document.info.license = { name: 'MIT', url: 'https://opensource.org/licenses/MIT' };
  document.info.contact = { name: 'Professional Portal', url: 'https://professional-portal.dev' };
  document.servers = [
    {
      url: '{publicUrl}',
      description: "The portal's PUBLIC_URL (`http://localhost:3000` for `npm start`)",
      variables: { publicUrl: { default: 'http://localhost:3000', description: 'PUBLIC_URL' } },
    },
  ];
  document.tags = TAGS;
  document.externalDocs = {
    description: 'JSON Schema of a form definition (generated from libs/form-schema)',
    url: 'https://professional-portal.dev/schemas/form-definition.schema.json',
  };

  const components = (document.components ??= {});
  components.securitySchemes = {
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: 'portal_session',
      description:
        'The session cookie a verified login sets (HttpOnly, SameSite=Strict). Idle timeout 30 minutes, absolute 12 hours.',
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description: 'On every POST/PUT/PATCH/DELETE with a session: the value of the `portal_csrf` cookie (bound to the session).',
    },
    integration: {
      type: 'http',
      scheme: 'bearer',
      description:
        'An opaque integration key from INTEGRATION_API_KEYS (not a JWT). Only on /integration/*, which ignores cookies.',
    },
  };
  components.headers = {
    'X-Request-Id': {
      description: 'The request id (the one sent, if well-formed, else a new UUID); quote it to the helpdesk.',
      schema: { type: 'string', example: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b' },
    },
    'Retry-After': {
      description: 'Seconds to wait before trying again.',
      schema: { type: 'integer', minimum: 1, example: 60 },
    },
  };
  components.parameters = {
    'X-Request-Id': {
      name: 'X-Request-Id',
      in: 'header',
      required: false,
      description: 'Your own id for this request (8 to 64 letters, digits, `_` or `-`), echoed back and logged.',
      schema: { type: 'string', pattern: '^[\\w-]{8,64}$' },
    },
  };
  const explored = (components.schemas ?? {}) as Record<string, SchemaObject>;
  patchSchemas(explored);
  components.schemas = { ...explored, ...contractSchemas(), ...reachableFormSchemas(formSchema) };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, OperationObject][]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const route = facts.get(op.operationId ?? '');
      if (!route) throw new Error(`completeContract: no route facts for ${method.toUpperCase()} ${path} (${op.operationId})`);
      completeOperation(path, method, op, route);
    }
  }
  addExamples(document);
  return document;
}

function completeOperation(path: string, method: string, op: OperationObject, route: RouteFacts): void {
  const write = WRITE_METHODS.has(method);
  // The platform's own dependencies can be down under any route: the database, and object storage
  // (FILE_STORAGE=s3), which task moves, withdrawals and purges reach as well as file routes; and any
  // request arriving while the instance drains for shutdown is refused with 503 shutting_down.
  const codes = new Set<ProblemCode>([
    'invalid_request',
    'internal_error',
    'database_unavailable',
    'storage_unavailable',
    'shutting_down',
  ]);
  if (path.includes('{')) codes.add('not_found');
  if (op.requestBody || (method !== 'delete' && write)) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  switch (route.access) {
    case 'public':
      op.security = [];
      break;
    case 'integration':
      op.security = [{ integration: [] }];
      codes.add('invalid_integration_key');
      // Wrong keys from one address are throttled (security finding 10): 429 on every integration route.
      codes.add('rate_limited');
      break;
    case 'session':
    case 'admin':
      op.security = [write ? { session: [], csrf: [] } : { session: [] }];
      codes.add('unauthenticated');
      codes.add('session_expired');
      if (write) codes.add('csrf_failed');
      if (route.access === 'admin') codes.add('forbidden');
      break;
  }
  if (route.rateLimited) codes.add('rate_limited');
  for (const code of route.errors) codes.add(code);

  for (const parameter of (op.parameters ?? []) as ParameterObject[]) typeParameter(parameter);
  op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/X-Request-Id' }];
  for (const response of Object.values(op.responses) as ResponseObject[]) {
    response.headers = { ...(response.headers ?? {}), 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
    if (!response.description) response.description = 'Done.';
  }
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(PROBLEM_CODES[code], [...(byStatus.get(PROBLEM_CODES[code]) ?? []), code]);
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const list = byStatus.get(status)!.sort();
    op.responses[String(status)] = problemResponse(status, list);
  }
}

/** Ids are UUIDs (a made-up one still answers 404), versions and limits whole numbers. */
const UUID_PARAMETERS = new Set([
  'path:id',
  'path:attachmentId',
  'path:registrationId',
  'path:resetId',
  'query:accountId',
  'query:taskId',
  'query:workGroupId',
]);

function typeParameter(parameter: ParameterObject): void {
  const schema = (parameter.schema ?? {}) as SchemaObject;
  if (UUID_PARAMETERS.has(`${parameter.in}:${parameter.name}`)) schema.format = 'uuid';
  if (parameter.in === 'path' && parameter.name === 'version') Object.assign(schema, { type: 'integer', minimum: 1 });
  if (parameter.in === 'query' && parameter.name === 'limit')
    Object.assign(schema, { type: 'integer', minimum: 1, maximum: 100, default: 25 });
  if (schema.type === 'number') schema.type = 'integer';
  parameter.schema = schema;
}

function problemResponse(status: number, codes: ProblemCode[]): ResponseObject {
  const headers: ResponseObject['headers'] = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
  if (status === 429 || status === 503) headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
  return {
    description: `Problem details with \`code\` ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    headers,
    content: {
      [PROBLEM_JSON]: {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/ProblemDetails' },
            {
              type: 'object',
              properties: { status: { type: 'integer', enum: [status] }, code: { type: 'string', enum: codes } },
            },
          ],
        },
        example: {
          type: `https://professional-portal.dev/problems/${codes[0].replace(/_/g, '-')}`,
          title: 'A short, human summary of the problem',
          status,
          code: codes[0],
        },
      },
    },
  };
}

/** Access rule, extra error codes and rate limiting of every route, keyed by operationId. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const classAccess = Reflect.getMetadata(ACCESS_KEY, controller) as Access | undefined;
      const classConfig = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG, controller) as { rateLimit?: unknown } | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG, handler) as { rateLimit?: unknown } | undefined;
        facts.set(`${controller.name.replace(/Controller$/, '')}_${name}`, {
          access: (Reflect.getMetadata(ACCESS_KEY, handler) as Access | undefined) ?? classAccess ?? 'session',
          errors: (Reflect.getMetadata(API_ERRORS_KEY, handler) as ProblemCode[] | undefined) ?? [],
          rateLimited: Boolean(config?.rateLimit ?? classConfig?.rateLimit),
        });
      }
    }
  }
  return facts;
}

/** Only the form schema's definitions the API refers to, so no component is left unused. */
function reachableFormSchemas(formSchema: FormJsonSchema): Record<string, SchemaObject> {
  const all = formComponentSchemas(formSchema);
  const keep = new Set<string>();
  const visit = (name: string) => {
    if (keep.has(name) || !all[name]) return;
    keep.add(name);
    JSON.stringify(all[name]).replace(/#\/components\/schemas\/(\w+)/g, (_m, ref: string) => {
      visit(ref);
      return '';
    });
  };
  visit('FormDefinition');
  visit('Answers');
  return Object.fromEntries([...keep].map((name) => [name, all[name]]));
}
