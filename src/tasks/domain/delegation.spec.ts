import { educationAdvice } from '../../../libs/form-schema/test-fixtures/sample-forms';
import {
  checkDelegationRequest,
  checkPrefill,
  delegationRequestHash,
  DelegationRequest,
  normaliseAssigneeEmail,
} from './delegation';

const request = (overrides: Partial<DelegationRequest> = {}): DelegationRequest => ({
  externalRef: 'REF-1',
  form: { key: 'education-advice', version: 1 },
  subject: { reference: 'LCS-1', displayName: 'Alex Smith' },
  prefill: { childName: 'Alex Smith' },
  assignee: { email: 'sam@school.example' },
  dueDate: '2026-12-01',
  message: 'Thanks',
  ...overrides,
});

function errorsOf(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return { code: (error as { code: string }).code, errors: (error as { options: { errors?: unknown } }).options.errors };
  }
}

describe('delegation rules', () => {
  it('the request hash ignores key order, email case and absent optional fields', () => {
    const a = delegationRequestHash(request());
    const reordered = Object.fromEntries(
      Object.entries({
        ...request(),
        assignee: { email: 'SAM@School.example' },
        form: { version: 1, key: 'education-advice' },
      }).reverse(),
    ) as unknown as DelegationRequest;
    expect(delegationRequestHash(reordered)).toBe(a);
    expect(delegationRequestHash(request({ prefill: undefined, message: undefined }))).toBe(
      delegationRequestHash(request({ prefill: {}, message: null })),
    );
    expect(delegationRequestHash(request({ dueDate: '2026-12-02' }))).not.toBe(a);
    expect(delegationRequestHash(request({ assignee: { workGroupKey: 'g' } }))).not.toBe(a);
  });

  it('lists every shape-independent problem', () => {
    expect(errorsOf(() => checkDelegationRequest(request()))).toBeUndefined();
    const result = errorsOf(() =>
      checkDelegationRequest(
        request({ externalRef: '', dueDate: '2026-13-01', subject: { reference: 'x'.repeat(201), displayName: 'a\nb' } }),
      ),
    ) as { code: string; errors: { path: string }[] };
    expect(result.code).toBe('invalid_delegation');
    expect(result.errors.map((e) => e.path)).toEqual(['externalRef', 'subject.reference', 'subject.displayName', 'dueDate']);
  });

  it('prefill only for read-only questions, of simple values; nulls are dropped', () => {
    expect(checkPrefill(educationAdvice, { childName: 'Alex', dateOfBirth: '2015-01-01', caseWorker: null })).toEqual({
      childName: 'Alex',
      dateOfBirth: '2015-01-01',
    });
    expect(checkPrefill(educationAdvice, { childName: ['a', 'b'], caseWorker: 7 })).toEqual({
      childName: ['a', 'b'],
      caseWorker: 7,
    });
    const bad = errorsOf(() => checkPrefill(educationAdvice, { setting: 'x', nope: 'y', childName: { a: 1 } })) as {
      code: string;
      errors: { questionId: string }[];
    };
    expect(bad.code).toBe('invalid_prefill');
    expect(bad.errors.map((e) => e.questionId)).toEqual(['setting', 'nope', 'childName']);
  });

  it('normalises assignee emails', () => {
    expect(normaliseAssigneeEmail('  Sam@School.Example ')).toBe('sam@school.example');
    expect(errorsOf(() => normaliseAssigneeEmail('nope'))).toMatchObject({ code: 'invalid_email' });
  });
});
