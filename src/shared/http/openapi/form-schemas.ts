import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { NULL_ONLY } from './schema-patches';
import generated from '../../../../libs/form-schema/form-definition.schema.json';

/** A draft-07 JSON Schema as `ts-json-schema-generator` writes it from libs/form-schema. */
export interface FormJsonSchema {
  definitions: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** The committed JSON Schema (`npm run openapi` regenerates it from libs/form-schema's types). */
export const FORM_JSON_SCHEMA = generated as unknown as FormJsonSchema;

/**
 * The form-definition JSON Schema's definitions as OpenAPI 3.0 component schemas: `#/definitions/X`
 * becomes `#/components/schemas/X`, `const` an `enum` of one, `{ type: null }` a `nullable`, and the
 * question union a `oneOf` discriminated by `type`.
 */
export function formComponentSchemas(schema: FormJsonSchema): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  for (const [name, definition] of Object.entries(schema.definitions)) {
    out[name] = toOpenApi(definition) as SchemaObject;
  }
  const question = out.Question as { anyOf?: { $ref: string }[]; description?: string } | undefined;
  if (question?.anyOf) {
    const refs = question.anyOf;
    out.Question = {
      description: question.description ?? 'One question of a page; `type` says which.',
      oneOf: refs,
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(refs.map((r) => [typeOfQuestion(out, r.$ref), r.$ref])),
      },
    };
  }
  return out;
}

function typeOfQuestion(schemas: Record<string, SchemaObject>, ref: string): string {
  const name = ref.split('/').pop()!;
  const type = schemas[name]?.properties?.type as { enum?: string[] } | undefined;
  return type?.enum?.[0] ?? name;
}

function toOpenApi(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi);
  if (!node || typeof node !== 'object') return node;
  const input = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/definitions/', '#/components/schemas/');
    else if (key === 'const') out.enum = [value];
    else out[key] = toOpenApi(value);
  }
  // anyOf [..., { type: 'null' }] → the rest, nullable
  const anyOf = out.anyOf as Record<string, unknown>[] | undefined;
  if (anyOf?.some((s) => s.type === 'null')) {
    const rest = anyOf.filter((s) => s.type !== 'null');
    delete out.anyOf;
    if (rest.length === 1) Object.assign(out, rest[0], { nullable: true });
    else out.anyOf = [...rest, NULL_ONLY];
  }
  if (out.type === 'number') out.type = 'integer';
  return out;
}
