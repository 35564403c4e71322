import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

/**
 * The JSON Schema of a form definition (and of the answers it collects), generated from
 * libs/form-schema's TypeScript types, so the published schema cannot drift from the validator's
 * types. Root: `FormDefinition`.
 */
export function generateFormJsonSchema(root: string): Record<string, unknown> {
  const generator = createGenerator({
    path: join(root, 'libs', 'form-schema', 'src', 'form-definition.types.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: '*',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  });
  const schema = generator.createSchema('*');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://professional-portal.dev/schemas/form-definition.schema.json',
    title: 'Professional Portal form definition',
    description: 'Generated from libs/form-schema/src/form-definition.types.ts by `npm run openapi`; do not edit.',
    $ref: '#/definitions/FormDefinition',
    definitions: schema.definitions,
  };
}
