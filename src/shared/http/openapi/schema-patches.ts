import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** OpenAPI 3.0 has no `null` type: a schema whose only value is null, for an `anyOf` alternative. */
export const NULL_ONLY: SchemaObject = { type: 'string', nullable: true, enum: [null] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Schemas of the contract that no DTO class describes: problem details and the typed unions. */
export function contractSchemas(): Record<string, SchemaObject> {
  return {
    ProblemDetails: {
      type: 'object',
      description: 'RFC 9457 problem details (`application/problem+json`). `code` is stable and machine-readable.',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', format: 'uri', example: 'https://professional-portal.dev/problems/not-found' },
        title: { type: 'string', example: 'Not found' },
        status: { type: 'integer', minimum: 400, maximum: 599, example: 404 },
        code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', example: 'not_found' },
        detail: { type: 'string', description: 'What to do about it, for a person.' },
        errors: {
          type: 'array',
          description: 'Which parts of the request were refused (400 `invalid_request` and the 422s).',
          items: { anyOf: [ref('FieldError'), ref('AnswerErrorDto'), ref('PrefillError')] },
        },
        correlationId: {
          type: 'string',
          description: 'On 500 `internal_error`: the request id (as in `X-Request-Id`) to quote to the helpdesk.',
        },
        retryAfterSeconds: {
          type: 'integer',
          description: 'On 429 `resend_too_soon` and 503 `database_unavailable`: when to try again (also `Retry-After`).',
        },
      },
    },
    FieldError: {
      type: 'object',
      description: 'A refused part of the request body or query, by JSON path (`pages[1].questions[0].options`).',
      required: ['path', 'message'],
      properties: { path: { type: 'string', example: 'email' }, message: { type: 'string', example: 'email is required' } },
    },
    PrefillError: {
      type: 'object',
      description: 'A refused prefill value (422 `invalid_prefill`).',
      required: ['questionId', 'message'],
      properties: { questionId: { type: 'string' }, message: { type: 'string' } },
    },
    Prefill: {
      type: 'object',
      description: 'Values for the read-only questions, keyed by question id: text, a number, true/false or a list of text.',
      additionalProperties: {
        anyOf: [
          { type: 'string' },
          { type: 'number' },
          { type: 'boolean' },
          { type: 'array', items: { type: 'string' } },
          NULL_ONLY,
        ],
      },
      example: { name: 'Alex Smith', dob: '2014-03-02' },
    },
    AccountAssigneeDto: {
      type: 'object',
      required: ['type', 'accountId', 'name', 'email'],
      properties: {
        type: { type: 'string', enum: ['account'] },
        accountId: { type: 'string', format: 'uuid' },
        name: { type: 'string', example: 'Sam Taylor' },
        email: { type: 'string', format: 'email', example: 'sam.taylor@school.example' },
      },
    },
    WorkGroupAssigneeDto: {
      type: 'object',
      required: ['type', 'workGroupId', 'name'],
      properties: {
        type: { type: 'string', enum: ['work_group'] },
        workGroupId: { type: 'string', format: 'uuid' },
        name: { type: 'string', example: 'North SEN team' },
      },
    },
    EmailAssigneeDto: {
      type: 'object',
      description: 'A person who has not registered yet: the task appears once they register with this address.',
      required: ['type', 'email'],
      properties: {
        type: { type: 'string', enum: ['email'] },
        email: { type: 'string', format: 'email', example: 'new.person@school.example' },
      },
    },
    ColleagueTaskDto: {
      type: 'object',
      description: "What a work group's members see of a task a fellow member holds (`view=group-members`): metadata only.",
      required: ['id', 'title', 'subject', 'dueDate', 'overdue', 'assignee', 'workGroup'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        title: { type: 'string' },
        subject: { type: 'object', required: ['reference'], properties: { reference: { type: 'string' } } },
        dueDate: { type: 'string', format: 'date' },
        overdue: { type: 'boolean' },
        assignee: ref('AssigneeViewDto'),
        workGroup: { type: 'object', nullable: true, allOf: [ref('WorkGroupRefViewDto')] },
      },
    },
    EmailDelegationTargetDto: {
      type: 'object',
      additionalProperties: false,
      required: ['email'],
      properties: { email: { type: 'string', example: 'sam.taylor@school.example' } },
    },
    WorkGroupDelegationTargetDto: {
      type: 'object',
      additionalProperties: false,
      required: ['workGroupKey'],
      properties: { workGroupKey: { type: 'string', example: 'north-sen-team' } },
    },
    AccountReassignTargetDto: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId'],
      properties: { accountId: { type: 'string', format: 'uuid' } },
    },
    WorkGroupReassignTargetDto: {
      type: 'object',
      additionalProperties: false,
      required: ['workGroupId'],
      properties: { workGroupId: { type: 'string', format: 'uuid' } },
    },
  };
}

/**
 * Types what the DTO classes can only call `object`, and the unions. Applied to the schemas by name
 * (the DTO classes stay plain for class-validator and the Swagger CLI plugin).
 *
 * The delegation assignee (`{ email } | { workGroupKey }`) and the re-assign target
 * (`{ accountId } | { workGroupId }`) are `oneOf` without a discriminator: API.md gives those bodies
 * no `type` property to discriminate on, and each variant is told apart by its one required property.
 */
export function patchSchemas(schemas: Record<string, SchemaObject>): void {
  for (const schema of Object.values(schemas)) {
    integersOnly(schema);
    nullableStrings(schema);
  }
  const set = (name: string, property: string, value: Record<string, unknown>) => {
    const target = schemas[name]?.properties;
    if (target) target[property] = value;
  };

  schemas.AssigneeViewDto = {
    description: 'Who holds the task: an account, a work group, or an email address not registered yet.',
    oneOf: [ref('AccountAssigneeDto'), ref('WorkGroupAssigneeDto'), ref('EmailAssigneeDto')],
    discriminator: {
      propertyName: 'type',
      mapping: {
        account: '#/components/schemas/AccountAssigneeDto',
        work_group: '#/components/schemas/WorkGroupAssigneeDto',
        email: '#/components/schemas/EmailAssigneeDto',
      },
    },
  };
  schemas.AssigneeDto = {
    description: 'A person by email (registered or not) or a work group by key.',
    oneOf: [ref('EmailDelegationTargetDto'), ref('WorkGroupDelegationTargetDto')],
  };
  schemas.ReassignTargetDto = {
    description: 'An active account, or a work group.',
    oneOf: [ref('AccountReassignTargetDto'), ref('WorkGroupReassignTargetDto')],
  };

  set('TaskDetailDto', 'definition', ref('FormDefinition'));
  set('TaskDetailDto', 'answers', ref('Answers'));
  set('TaskDetailDto', 'prefill', ref('Prefill'));
  set('TaskDetailDto', 'history', {
    type: 'array',
    description: "The task's audit entries, newest first.",
    items: ref('AuditRecordDto'),
  });
  set('TaskPageDto', 'items', {
    type: 'array',
    description: 'Full task summaries, or (`view=group-members`) the metadata members see of a colleague’s task.',
    items: { anyOf: [ref('TaskDto'), ref('ColleagueTaskDto')] },
  });
  set('SaveAnswersDto', 'answers', { ...ref('Answers') });
  set('DelegateTaskDto', 'prefill', ref('Prefill'));
}

/**
 * `string | null` properties reach the explorer as `Object` through TypeScript's metadata; in this API
 * every such property (no properties of its own) is a nullable string.
 */
function nullableStrings(schema: SchemaObject): void {
  for (const property of Object.values(schema.properties ?? {}) as SchemaObject[]) {
    if (
      property.type === 'object' &&
      property.nullable &&
      !property.properties &&
      !property.additionalProperties &&
      !property.allOf
    ) {
      property.type = 'string';
    }
  }
}

/** The API has no fractional numbers: versions, counts, sizes and seconds are all integers. */
function integersOnly(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(integersOnly);
  const schema = node as Record<string, unknown>;
  if (schema.type === 'number') schema.type = 'integer';
  for (const value of Object.values(schema)) integersOnly(value);
}
