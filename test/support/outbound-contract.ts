import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { forAjv } from './contract-validator';

/**
 * What the portal sends the case system, checked against openapi/case-system.openapi.json (the
 * outbound contract): the request body schema of `POST {path}`, made ready for Ajv as the responses'
 * schemas are (contract-validator.ts).
 */
const DOCUMENT_ID = 'case-system.openapi.json';
let ajv: Ajv | undefined;
let paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: unknown } } } } }> = {};

export function outboundBodyValidator(path: string): ValidateFunction {
  if (!ajv) {
    const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', DOCUMENT_ID), 'utf8')) as {
      paths: typeof paths;
      components: Record<string, unknown>;
    };
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: DOCUMENT_ID, components: forAjv(document.components, DOCUMENT_ID) });
    paths = document.paths;
  }
  const operation = paths[path]?.post;
  if (!operation) throw new Error(`POST ${path} is not in ${DOCUMENT_ID}`);
  return ajv.compile(forAjv(operation.requestBody.content['application/json'].schema, DOCUMENT_ID) as object);
}
