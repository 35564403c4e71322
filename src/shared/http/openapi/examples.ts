import type { OpenAPIObject, OperationObject, RequestBodyObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** Worked examples of the main requests, by operationId (responses take theirs from the schemas). */
const REQUEST_EXAMPLES: Record<string, unknown> = {
  Registrations_start: {
    firstName: 'Sam',
    lastName: 'Taylor',
    jobTitle: 'SENCo',
    organisation: 'Riverside Primary School',
    phone: '01632 960 001',
    address: { line1: '1 River Road', town: 'Riverside', postcode: 'RV1 2AB' },
    professionalCapacity: true,
    email: 'sam.taylor@school.example',
    password: 'correct horse battery staple 42',
  },
  Auth_login: { email: 'sam.taylor@school.example', password: 'correct horse battery staple 42' },
  Auth_verify: { challengeId: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b', code: '12345678' },
  Tasks_save: { version: 3, answers: { summary: 'Settled well this term.', started: '2026-09-04', needs: ['literacy'] } },
  Submissions_create: { version: 4 },
  TaskMoves_move: { to: { workGroupId: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b' }, version: 2 },
  FormDefinitions_put: {
    key: 'education-advice',
    version: 1,
    title: 'Education advice',
    allowAttachments: true,
    pages: [
      {
        id: 'about',
        title: 'About the child',
        questions: [
          { id: 'name', type: 'readonly', label: "Child's name" },
          { id: 'summary', type: 'text', label: 'Summary', required: true, maxLength: 8000 },
          { id: 'started', type: 'date', label: 'Start date', required: true, min: '2000-01-01' },
          {
            id: 'attendance',
            type: 'radio',
            label: 'Attendance',
            options: [
              { value: 'good', label: 'Good' },
              { value: 'poor', label: 'Poor' },
            ],
          },
          { id: 'why', type: 'text', label: 'Why?', required: true, showIf: { questionId: 'attendance', equals: 'poor' } },
        ],
      },
    ],
  },
  IntegrationTasks_create: {
    externalRef: 'LCS-TASK-0001',
    form: { key: 'education-advice', version: 1 },
    subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
    prefill: { name: 'Alex Smith' },
    assignee: { email: 'sam.taylor@school.example' },
    dueDate: '2026-12-18',
    message: 'Please complete before the review meeting.',
  },
};

export function addExamples(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as OperationObject[]) {
      const example = op?.operationId ? REQUEST_EXAMPLES[op.operationId] : undefined;
      const body = op?.requestBody as RequestBodyObject | undefined;
      const json = body?.content?.['application/json'];
      if (example !== undefined && json) json.example = example;
    }
  }
}
