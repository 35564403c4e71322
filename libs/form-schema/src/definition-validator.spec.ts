import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDefinition, type DefinitionError } from './definition-validator';
import { copyJson, educationAdviceJson, healthContributionJson } from '../test-fixtures/sample-forms';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON

function base(): Json {
  return {
    key: 'test-form',
    version: 1,
    title: 'Test form',
    pages: [
      {
        id: 'first',
        title: 'First page',
        questions: [
          { id: 'name', type: 'readonly', label: 'Name' },
          { id: 'role', type: 'radio', label: 'Role', options: [{ value: 'gp', label: 'GP' }, { value: 'nurse', label: 'Nurse' }] },
          { id: 'notes', type: 'text', label: 'Notes' },
        ],
      },
      {
        id: 'second',
        title: 'Second page',
        questions: [
          { id: 'seen', type: 'date', label: 'Date seen' },
          {
            id: 'visits',
            type: 'table',
            label: 'Visits',
            columns: [
              { id: 'when', type: 'date', label: 'When' },
              { id: 'kind', type: 'select', label: 'Kind', options: [{ value: 'home', label: 'Home' }] },
            ],
          },
        ],
      },
    ],
  };
}

/** Errors for the base definition after `change` has edited it. */
function errorsAfter(change: (definition: Json) => void): DefinitionError[] {
  const definition = base();
  change(definition);
  const result = validateDefinition(definition);
  return result.ok ? [] : result.errors;
}

function expectError(change: (definition: Json) => void, path: string, message: string | RegExp): void {
  const errors = errorsAfter(change);
  expect(errors).toContainEqual({ path, message: typeof message === 'string' ? message : expect.stringMatching(message) });
}

const q = (definition: Json, page: number, question: number): Json => definition.pages[page].questions[question];

describe('validateDefinition: the samples', () => {
  it.each([
    ['education-advice', educationAdviceJson],
    ['health-contribution', healthContributionJson],
  ])('accepts %s and returns an equal, fresh copy', (_name, raw) => {
    const result = validateDefinition(raw);
    expect(result).toEqual({ ok: true, definition: raw });
    if (!result.ok) return;
    expect(result.definition).not.toBe(raw);
    expect(result.definition.pages[0]).not.toBe((raw as Json).pages[0]);
    expect(result.definition.pages[0].questions[0]).not.toBe((raw as Json).pages[0].questions[0]);
  });

  const sharedForms = join(__dirname, '../../../../shared/forms');
  (existsSync(sharedForms) ? it : it.skip)('keeps the test fixtures identical to shared/forms', () => {
    for (const [file, fixture] of [
      ['education-advice.v1.json', educationAdviceJson],
      ['health-contribution.v1.json', healthContributionJson],
    ] as const) {
      expect(JSON.parse(readFileSync(join(sharedForms, file), 'utf8'))).toEqual(fixture);
    }
  });

  it('accepts the minimal base definition used by these tests', () => {
    expect(errorsAfter(() => undefined)).toEqual([]);
  });
});

describe('validateDefinition: the document', () => {
  it.each([null, undefined, 'form', 42, [], [base()]])('rejects %p as the whole document', (input) => {
    expect(validateDefinition(input)).toEqual({ ok: false, errors: [{ path: '', message: 'must be an object' }] });
  });

  it('reports every missing top-level field', () => {
    expect(validateDefinition({})).toEqual({
      ok: false,
      errors: [
        { path: 'key', message: 'is required' },
        { path: 'version', message: 'is required' },
        { path: 'title', message: 'is required' },
        { path: 'pages', message: 'is required' },
      ],
    });
  });

  it.each(['Education-Advice', 'education_advice', 'education--advice', '-form', 'form-', '1form', 'form advice', 'f'.repeat(65)])(
    'rejects the key %p',
    (key) => expectError((d) => (d.key = key), 'key', /lowercase slug/),
  );

  it.each(['a', 'education-advice', 'form2', 'ks4-review-2026'])('accepts the key %p', (key) => {
    expect(errorsAfter((d) => (d.key = key))).toEqual([]);
  });

  it('needs a string key', () => {
    expectError((d) => (d.key = 5), 'key', 'must be a string');
  });

  it.each([0, -1, 1.5, '1', null, Number.NaN, 2 ** 31])('rejects the version %p', (version) => {
    expectError((d) => (d.version = version), 'version', /must be a whole number/);
  });

  it('accepts large but sane versions', () => {
    expect(errorsAfter((d) => (d.version = 2 ** 31 - 1))).toEqual([]);
  });

  it('needs a non-empty title', () => {
    expectError((d) => (d.title = '   '), 'title', 'must not be empty');
    expectError((d) => (d.title = ['Title']), 'title', 'must be a string');
  });

  it('needs allowAttachments to be a boolean when given', () => {
    expectError((d) => (d.allowAttachments = 'yes'), 'allowAttachments', 'must be true or false');
    expect(errorsAfter((d) => (d.allowAttachments = false))).toEqual([]);
  });

  it('rejects unknown properties, including __proto__', () => {
    expectError((d) => (d.description = 'x'), 'description', 'is not a known property');
    const withProto = JSON.parse(JSON.stringify(base()).replace('{', '{"__proto__":{"x":1},'));
    expect(validateDefinition(withProto)).toEqual({ ok: false, errors: [{ path: '__proto__', message: 'is not a known property' }] });
  });

  it('needs at least one page', () => {
    expectError((d) => (d.pages = []), 'pages', 'must have at least one page');
    expectError((d) => (d.pages = { first: {} }), 'pages', 'must be a list of pages');
  });

  it('collects several errors at once, in document order', () => {
    const errors = errorsAfter((d) => {
      d.version = 0;
      q(d, 0, 2).type = 'essay';
      d.pages[1].questions[1].columns = [];
    });
    expect(errors.map((error) => error.path)).toEqual(['version', 'pages[0].questions[2].type', 'pages[1].questions[1].columns']);
  });
});

describe('validateDefinition: pages', () => {
  it('needs each page to be an object', () => {
    expectError((d) => (d.pages[1] = 'second'), 'pages[1]', 'must be an object with id, title and questions');
  });

  it('needs an id and title', () => {
    expectError((d) => delete d.pages[0].id, 'pages[0].id', 'is required');
    expectError((d) => delete d.pages[0].title, 'pages[0].title', 'is required');
  });

  it('rejects duplicate page ids', () => {
    expectError((d) => (d.pages[1].id = 'first'), 'pages[1].id', 'duplicate page id "first" (already used at pages[0])');
  });

  it('needs at least one question', () => {
    expectError((d) => (d.pages[1].questions = []), 'pages[1].questions', 'must have at least one question');
    expectError((d) => delete d.pages[1].questions, 'pages[1].questions', 'is required');
  });

  it('rejects unknown page properties', () => {
    expectError((d) => (d.pages[0].hint = 'x'), 'pages[0].hint', 'is not a known property');
  });
});

describe('validateDefinition: questions', () => {
  it('needs each question to be an object', () => {
    expectError((d) => (d.pages[0].questions[1] = null), 'pages[0].questions[1]', 'must be an object with id, type and label');
  });

  it.each(['', '1st', 'first name', 'name!', '_private', '__proto__', 'x'.repeat(65)])('rejects the question id %p', (id) => {
    expectError((d) => (q(d, 0, 2).id = id), 'pages[0].questions[2].id', /must start with a letter/);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'prototype'])('rejects the reserved question id %p', (id) => {
    expectError((d) => (q(d, 0, 2).id = id), 'pages[0].questions[2].id', `must not be the reserved name "${id}"`);
  });

  it('rejects duplicate question ids across the whole form', () => {
    expectError((d) => (q(d, 1, 0).id = 'notes'), 'pages[1].questions[0].id', 'duplicate question id "notes" (already used at pages[0].questions[2])');
  });

  it('needs a known type', () => {
    expectError((d) => delete q(d, 0, 2).type, 'pages[0].questions[2].type', 'is required');
    expectError((d) => (q(d, 0, 2).type = 'number'), 'pages[0].questions[2].type', 'must be one of readonly, text, date, radio, select, checkboxes, table');
  });

  it('needs a label, and checks required and hint', () => {
    expectError((d) => delete q(d, 0, 2).label, 'pages[0].questions[2].label', 'is required');
    expectError((d) => (q(d, 0, 2).required = 'yes'), 'pages[0].questions[2].required', 'must be true or false');
    expectError((d) => (q(d, 0, 2).hint = ''), 'pages[0].questions[2].hint', 'must not be empty');
  });

  it('does not let a readonly question be required', () => {
    expectError((d) => (q(d, 0, 0).required = true), 'pages[0].questions[0].required', 'a readonly question cannot be required');
    const definition = base();
    q(definition, 0, 0).required = false;
    const result = validateDefinition(definition);
    expect(result.ok && result.definition.pages[0].questions[0]).toEqual({ id: 'name', type: 'readonly', label: 'Name' });
  });

  it('rejects unknown question properties', () => {
    expectError((d) => (q(d, 0, 2).placeholder = 'x'), 'pages[0].questions[2].placeholder', 'is not a known property');
  });

  it('rejects properties that belong to other question types', () => {
    expectError((d) => (q(d, 0, 2).options = []), 'pages[0].questions[2].options', 'a text question does not take options');
    expectError((d) => (q(d, 0, 0).maxLength = 5), 'pages[0].questions[0].maxLength', 'a readonly question does not take maxLength');
    expectError((d) => (q(d, 0, 1).min = '2020-01-01'), 'pages[0].questions[1].min', 'a radio question does not take min');
    expectError((d) => (q(d, 1, 0).options = [{ value: 'a', label: 'A' }]), 'pages[1].questions[0].options', 'a date question does not take options');
    expectError((d) => (q(d, 1, 1).maxLength = 5), 'pages[1].questions[1].maxLength', 'a table question does not take maxLength');
    expectError((d) => (q(d, 0, 2).columns = []), 'pages[0].questions[2].columns', 'a text question does not take columns');
  });
});

describe('validateDefinition: text and date limits', () => {
  it.each([0, -3, 2.5, '100'])('rejects maxLength %p', (maxLength) => {
    expectError((d) => (q(d, 0, 2).maxLength = maxLength), 'pages[0].questions[2].maxLength', 'must be a whole number, 1 or more');
  });

  it.each(['2026-02-30', '01/01/2020', '2020-1-1', 20200101])('rejects the date limit %p', (limit) => {
    expectError((d) => (q(d, 1, 0).min = limit), 'pages[1].questions[0].min', 'must be a real date in the format YYYY-MM-DD');
    expectError((d) => (q(d, 1, 0).max = limit), 'pages[1].questions[0].max', 'must be a real date in the format YYYY-MM-DD');
  });

  it('rejects min after max but allows them equal', () => {
    expectError(
      (d) => Object.assign(q(d, 1, 0), { min: '2026-01-02', max: '2026-01-01' }),
      'pages[1].questions[0].min',
      'must not be after max (2026-01-01)',
    );
    expect(errorsAfter((d) => Object.assign(q(d, 1, 0), { min: '2026-01-01', max: '2026-01-01' }))).toEqual([]);
  });
});

describe.each(['radio', 'select', 'checkboxes'])('validateDefinition: %s options', (type) => {
  const path = 'pages[0].questions[1].options';
  const withType = (d: Json): Json => Object.assign(q(d, 0, 1), { type });

  it('needs options', () => {
    expectError((d) => delete withType(d).options, path, `is required for a ${type} question`);
  });

  it('needs a non-empty list of options', () => {
    expectError((d) => (withType(d).options = []), path, 'must have at least one option');
    expectError((d) => (withType(d).options = 'gp'), path, 'must be a list of options');
  });

  it('needs each option to have a value and label', () => {
    expectError((d) => (withType(d).options[1] = 'nurse'), `${path}[1]`, 'must be an object with value and label');
    expectError((d) => delete withType(d).options[1].value, `${path}[1].value`, 'is required');
    expectError((d) => (withType(d).options[1].value = ''), `${path}[1].value`, 'must not be empty');
    expectError((d) => (withType(d).options[1].value = 2), `${path}[1].value`, 'must be a string');
    expectError((d) => delete withType(d).options[1].label, `${path}[1].label`, 'is required');
    expectError((d) => (withType(d).options[1].selected = true), `${path}[1].selected`, 'is not a known property');
  });

  it('rejects duplicate option values', () => {
    expectError((d) => (withType(d).options[1].value = 'gp'), `${path}[1].value`, `duplicate option value "gp" (already used at ${path}[0])`);
  });
});

describe('validateDefinition: tables', () => {
  const table = (d: Json): Json => q(d, 1, 1);
  const path = 'pages[1].questions[1]';

  it('needs columns', () => {
    expectError((d) => delete table(d).columns, `${path}.columns`, 'is required');
    expectError((d) => (table(d).columns = []), `${path}.columns`, 'must have at least one column');
  });

  it('checks each column like a question', () => {
    expectError((d) => (table(d).columns[0] = 'when'), `${path}.columns[0]`, 'must be an object with id, type and label');
    expectError((d) => delete table(d).columns[0].label, `${path}.columns[0].label`, 'is required');
    expectError((d) => (table(d).columns[0].id = 'constructor'), `${path}.columns[0].id`, 'must not be the reserved name "constructor"');
    expectError((d) => (table(d).columns[0].required = 1), `${path}.columns[0].required`, 'must be true or false');
  });

  it.each(['table', 'readonly', 'number', undefined])('rejects the column type %p', (type) => {
    expectError(
      (d) => (table(d).columns[0].type = type),
      `${path}.columns[0].type`,
      type === undefined ? 'is required' : 'must be one of text, date, radio, select, checkboxes',
    );
  });

  it('rejects duplicate column ids', () => {
    expectError((d) => (table(d).columns[1].id = 'when'), `${path}.columns[1].id`, `duplicate column id "when" (already used at ${path}.columns[0])`);
  });

  it('checks column options and limits', () => {
    expectError((d) => delete table(d).columns[1].options, `${path}.columns[1].options`, 'is required for a select column');
    expectError((d) => (table(d).columns[1].options = []), `${path}.columns[1].options`, 'must have at least one option');
    expectError((d) => table(d).columns[1].options.push({ value: 'home', label: 'Again' }), `${path}.columns[1].options[1].value`, /duplicate option value "home"/);
    expectError((d) => (table(d).columns[0].options = [{ value: 'a', label: 'A' }]), `${path}.columns[0].options`, 'a date column does not take options');
    expectError((d) => (table(d).columns[1].maxLength = 5), `${path}.columns[1].maxLength`, 'a select column does not take maxLength');
    expectError((d) => (table(d).columns[0] = { id: 'what', type: 'text', label: 'What', maxLength: 0 }), `${path}.columns[0].maxLength`, 'must be a whole number, 1 or more');
    expectError((d) => Object.assign(table(d).columns[0], { min: '2026-01-02', max: '2026-01-01' }), `${path}.columns[0].min`, 'must not be after max (2026-01-01)');
    expectError((d) => (table(d).columns[0].max = '2026-02-29'), `${path}.columns[0].max`, 'must be a real date in the format YYYY-MM-DD');
  });

  it('rejects column properties that do not exist at all', () => {
    expectError((d) => (table(d).columns[0].showIf = { questionId: 'role', equals: 'gp' }), `${path}.columns[0].showIf`, 'is not a known property');
    expectError((d) => (table(d).columns[0].columns = []), `${path}.columns[0].columns`, 'is not a known property');
  });

  it('checks row limits', () => {
    expectError((d) => (table(d).minRows = -1), `${path}.minRows`, 'must be a whole number, 0 or more');
    expectError((d) => (table(d).maxRows = 0), `${path}.maxRows`, 'must be a whole number, 1 or more');
    expectError((d) => (table(d).maxRows = 1.5), `${path}.maxRows`, 'must be a whole number, 1 or more');
    expectError((d) => Object.assign(table(d), { minRows: 3, maxRows: 2 }), `${path}.minRows`, 'must not be more than maxRows (2)');
    expect(errorsAfter((d) => Object.assign(table(d), { minRows: 0, maxRows: 1 }))).toEqual([]);
    expect(errorsAfter((d) => Object.assign(table(d), { minRows: 2, maxRows: 2 }))).toEqual([]);
  });
});

describe('validateDefinition: showIf', () => {
  const path = 'pages[1].questions[0].showIf';
  const on = (d: Json, showIf: unknown): void => {
    q(d, 1, 0).showIf = showIf;
  };

  it('accepts a question on an earlier page, and earlier on the same page', () => {
    expect(errorsAfter((d) => on(d, { questionId: 'role', equals: 'gp' }))).toEqual([]);
    expect(errorsAfter((d) => (q(d, 0, 2).showIf = { questionId: 'role', equals: 'nurse' }))).toEqual([]);
  });

  it('needs an object with questionId and equals', () => {
    expectError((d) => on(d, 'role'), path, 'must be an object with questionId and equals');
    expectError((d) => on(d, { questionId: 'role' }), `${path}.equals`, 'is required');
    expectError((d) => on(d, { equals: 'gp' }), `${path}.questionId`, 'is required');
    expectError((d) => on(d, { questionId: 'role', equals: 'gp', not: true }), `${path}.not`, 'is not a known property');
  });

  it('rejects an unknown question', () => {
    expectError((d) => on(d, { questionId: 'nobody', equals: 'gp' }), `${path}.questionId`, 'refers to an unknown question "nobody"');
  });

  it('rejects the question itself', () => {
    expectError((d) => on(d, { questionId: 'seen', equals: '2026-01-01' }), `${path}.questionId`, 'cannot refer to the question itself');
  });

  it('rejects later questions, on the same page or a later one', () => {
    expectError(
      (d) => (q(d, 0, 1).showIf = { questionId: 'notes', equals: 'x' }),
      'pages[0].questions[1].showIf.questionId',
      'must refer to an earlier question, but "notes" comes later',
    );
    expectError(
      (d) => (q(d, 0, 2).showIf = { questionId: 'seen', equals: '2026-01-01' }),
      'pages[0].questions[2].showIf.questionId',
      'must refer to an earlier question, but "seen" comes later',
    );
  });

  it('rejects table and readonly controllers', () => {
    expectError(
      (d) => d.pages[1].questions.push({ id: 'after', type: 'text', label: 'After', showIf: { questionId: 'visits', equals: 'x' } }),
      'pages[1].questions[2].showIf.questionId',
      'cannot refer to a table question',
    );
    expectError((d) => on(d, { questionId: 'name', equals: 'Sam' }), `${path}.questionId`, 'cannot refer to a readonly question');
  });

  it('needs equals to be one of the controller option values', () => {
    expectError((d) => on(d, { questionId: 'role', equals: 'GP' }), `${path}.equals`, 'must be one of the option values of "role": gp, nurse');
    expectError(
      (d) => {
        q(d, 0, 1).type = 'checkboxes';
        on(d, { questionId: 'role', equals: 'doctor' });
      },
      `${path}.equals`,
      'must be one of the option values of "role": gp, nurse',
    );
  });

  it('accepts any equals for a text controller but a real date for a date controller', () => {
    expect(errorsAfter((d) => on(d, { questionId: 'notes', equals: 'anything at all' }))).toEqual([]);
    expectError(
      (d) => d.pages[1].questions.push({ id: 'after', type: 'text', label: 'After', showIf: { questionId: 'seen', equals: 'today' } }),
      'pages[1].questions[2].showIf.equals',
      'must be a real date in the format YYYY-MM-DD, as its question is a date',
    );
  });

  it('allows chains', () => {
    expect(
      errorsAfter((d) => {
        q(d, 0, 2).showIf = { questionId: 'role', equals: 'gp' };
        on(d, { questionId: 'notes', equals: 'yes' });
      }),
    ).toEqual([]);
  });
});

describe('validateDefinition: normalisation', () => {
  it('returns only known properties, leaving optional ones out rather than undefined', () => {
    const result = validateDefinition(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const question = result.definition.pages[0].questions[2];
    expect(Object.keys(question)).toEqual(['id', 'type', 'label']);
    expect('allowAttachments' in result.definition).toBe(false);
  });

  it('does not share or modify the input', () => {
    const input = base();
    const before = copyJson(input);
    const result = validateDefinition(input);
    expect(input).toEqual(before);
    if (!result.ok) throw new Error('expected a valid definition');
    result.definition.pages[0].questions.pop();
    expect(input).toEqual(before);
  });

  it('never throws on odd input', () => {
    const odd: unknown[] = [
      { pages: [{ questions: [null, 1, { showIf: null }, { id: 'a', type: 'table', columns: [null, { type: 'radio' }] }] }] },
      { key: 'k', version: 1, title: 't', pages: [{ id: 'p', title: 't', questions: [{ id: 'a', type: 'radio', label: 'A', options: [null, { value: 1 }] }, { id: 'b', type: 'text', label: 'B', showIf: { questionId: 'a', equals: 'x' } }] }] },
      Object.create(null),
    ];
    for (const input of odd) expect(() => validateDefinition(input)).not.toThrow();
    expect(validateDefinition(odd[1])).toEqual({
      ok: false,
      errors: [
        { path: 'pages[0].questions[0].options[0]', message: 'must be an object with value and label' },
        { path: 'pages[0].questions[0].options[1].value', message: 'must be a string' },
        { path: 'pages[0].questions[0].options[1].label', message: 'is required' },
      ],
    });
  });
});
