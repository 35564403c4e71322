import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Every response a test app gives is checked against openapi/openapi.json: its status must be one
 * the operation declares, and its body (problem+json included) must match the declared schema. A
 * violation is recorded and fails the suite when the app closes (test-app.ts), naming the request.
 * Counts are appended to test-artifacts/contract-validation.jsonl for the run's report.
 */
const ROOT = join(__dirname, '..', '..');
const DOCUMENT_ID = 'openapi.json';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface CompiledResponse {
  mediaType?: string;
  validate?: ValidateFunction;
}

let shared: { paths: Record<string, Record<string, Operation>>; ajv: Ajv; compiled: Map<string, CompiledResponse> } | undefined;

function load() {
  if (shared) return shared;
  const document = JSON.parse(readFileSync(join(ROOT, 'openapi', 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: Record<string, unknown>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: forAjv(document.components) });
  shared = { paths: document.paths, ajv, compiled: new Map() };
  return shared;
}

/**
 * OpenAPI 3.0 schema → what Ajv checks (for the document registered as `documentId`): `nullable` becomes "null or the rest" (so a nullable `$ref`
 * or `allOf` accepts null), local `$ref`s point into the registered document, and `discriminator`
 * (whose `mapping` Ajv does not support) is dropped: the `oneOf` it decorates still decides.
 */
export function forAjv(node: unknown, documentId = DOCUMENT_ID): unknown {
  if (Array.isArray(node)) return node.map((item) => forAjv(item, documentId));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'discriminator' || key === 'example' || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.startsWith('#') ? `${documentId}${value}` : value;
    else out[key] = forAjv(value, documentId);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

export interface ContractCounter {
  validated: number;
  skipped: number;
  violations: string[];
}

/** Adds the checking hook to a test app's Fastify instance (before it listens). */
export function validateResponsesAgainstContract(fastify: FastifyInstance): ContractCounter {
  const counter: ContractCounter = { validated: 0, skipped: 0, violations: [] };
  const { paths, ajv, compiled } = load();
  fastify.addHook('onSend', (request, reply, payload, done) => {
    try {
      const route = request.routeOptions?.url;
      const path = route?.replace(/:(\w+)/g, '{$1}');
      const operation = path ? paths[path]?.[request.method.toLowerCase()] : undefined;
      if (!operation) {
        // Not an operation of the document: the web client, /docs, health, metrics, unknown routes.
        counter.skipped++;
        return done(null, payload);
      }
      counter.validated++;
      const status = String(reply.statusCode);
      const problem = (what: string) =>
        counter.violations.push(`${request.method} ${request.url} → ${status} (${operation.operationId}): ${what}`);
      const declared = operation.responses[status];
      if (!declared) {
        problem(`status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
        return done(null, payload);
      }
      const key = `${operation.operationId} ${status}`;
      let response = compiled.get(key);
      if (!response) {
        const [mediaType, media] = Object.entries(declared.content ?? {})[0] ?? [];
        response = {
          mediaType,
          validate: media?.schema && /json/.test(mediaType ?? '') ? ajv.compile(forAjv(media.schema) as object) : undefined,
        };
        compiled.set(key, response);
      }
      const contentType = String(reply.getHeader('content-type') ?? '')
        .split(';')[0]
        .trim();
      if (response.mediaType && contentType && contentType !== response.mediaType) {
        problem(`content type ${contentType}, declared ${response.mediaType}`);
      }
      if (!response.mediaType && typeof payload === 'string' && payload.length > 0) problem('a body where none is declared');
      if (response.validate && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        let body: unknown;
        try {
          body = JSON.parse(payload.toString());
        } catch {
          problem('the body is not JSON');
          return done(null, payload);
        }
        if (!response.validate(body)) {
          const errors = (response.validate.errors ?? [])
            .slice(0, 5)
            .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
          problem(`body does not match the schema: ${errors.join('; ')}`);
        }
      }
    } catch (error) {
      counter.violations.push(`${request.method} ${request.url}: validator failed: ${(error as Error).message}`);
    }
    done(null, payload);
  });
  return counter;
}

/** One line per closed test app: which suite, how many responses were checked, how many failed. */
export function reportContractCounts(counter: ContractCounter): void {
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const suite = basename(expect.getState().testPath ?? 'unknown');
  appendFileSync(
    join(dir, 'contract-validation.jsonl'),
    `${JSON.stringify({ suite, validated: counter.validated, skipped: counter.skipped, violations: counter.violations.length })}\n`,
  );
}
