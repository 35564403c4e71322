import { validateAnswers, type AnswerError } from './answer-validator';
import type { FormDefinition, Question } from './form-definition.types';
import { findPage } from './form-navigation';
import {
  copyJson,
  definitionOf,
  educationAdvice,
  educationAnswers,
  healthAnswers,
  healthContribution,
} from '../test-fixtures/sample-forms';

const draft = { mode: 'draft' } as const;
const complete = { mode: 'complete' } as const;

function codes(errors: AnswerError[]): string[] {
  return errors.map((error) => `${error.questionId}${error.row === undefined ? '' : `[${error.row}]`}${error.columnId ? `.${error.columnId}` : ''}:${error.code}`);
}

function education(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...educationAnswers(), ...overrides };
}

/** A one-page form around the given questions, for rules the samples do not exercise. */
function formWith(...questions: Question[]): FormDefinition {
  return definitionOf({ key: 'test-form', version: 1, title: 'Test form', pages: [{ id: 'main', title: 'Main', questions }] });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('validateAnswers on the sample forms', () => {
  it('accepts complete, valid answers in both modes', () => {
    for (const mode of ['draft', 'complete'] as const) {
      expect(validateAnswers(educationAdvice, educationAnswers(), { mode })).toEqual([]);
      expect(validateAnswers(healthContribution, healthAnswers(), { mode })).toEqual([]);
    }
  });

  it('accepts an empty draft but lists every visible required question when complete', () => {
    expect(validateAnswers(educationAdvice, {}, draft)).toEqual([]);
    expect(validateAnswers(educationAdvice, {}, complete)).toEqual([
      { pageId: 'about', questionId: 'setting', code: 'required', message: 'Enter the name of educational setting' },
      { pageId: 'about', questionId: 'startedAtSetting', code: 'required', message: 'Enter the date started at this setting' },
      { pageId: 'about', questionId: 'keyStage', code: 'required', message: 'Select the current key stage' },
      {
        pageId: 'attendance',
        questionId: 'attendanceLevel',
        code: 'required',
        message: 'Select an answer to "How would you describe attendance this year?"',
      },
      { pageId: 'needs', questionId: 'areasOfNeed', code: 'required', message: 'Select the areas of need' },
      { pageId: 'needs', questionId: 'strengths', code: 'required', message: "Enter the child's strengths" },
      { pageId: 'needs', questionId: 'support', code: 'required', message: 'Add at least one row to the support currently in place' },
    ]);
    expect(codes(validateAnswers(healthContribution, {}, complete))).toEqual(['role:required', 'lastSeen:required', 'concerns:required']);
  });

  it('treats blank strings and empty lists as unanswered', () => {
    const answers = education({ setting: '   ', startedAtSetting: '', keyStage: '', areasOfNeed: [], support: [] });
    expect(codes(validateAnswers(educationAdvice, answers, complete))).toEqual([
      'setting:required',
      'startedAtSetting:required',
      'keyStage:required',
      'areasOfNeed:required',
      'support:required',
    ]);
    expect(validateAnswers(educationAdvice, answers, draft)).toEqual([]);
  });

  it('treats null as no answer', () => {
    expect(codes(validateAnswers(educationAdvice, education({ setting: null, childName: null }), complete))).toEqual(['setting:required']);
    expect(validateAnswers(educationAdvice, education({ setting: null, outcomes: null }), draft)).toEqual([]);
  });
});

describe('text answers', () => {
  it('must be strings', () => {
    for (const value of [42, true, ['Oakfield'], { name: 'Oakfield' }]) {
      expect(validateAnswers(educationAdvice, education({ setting: value }), draft)).toEqual([
        { pageId: 'about', questionId: 'setting', code: 'invalid_type', message: 'Name of educational setting must be text' },
      ]);
    }
  });

  it('respects maxLength, counting characters rather than UTF-16 units', () => {
    expect(validateAnswers(educationAdvice, education({ setting: 'a'.repeat(200) }), complete)).toEqual([]);
    expect(validateAnswers(educationAdvice, education({ setting: '😀'.repeat(200) }), complete)).toEqual([]);
    expect(validateAnswers(educationAdvice, education({ setting: 'a'.repeat(201) }), draft)).toEqual([
      { pageId: 'about', questionId: 'setting', code: 'too_long', message: 'Name of educational setting must be 200 characters or fewer' },
    ]);
  });

  it('has no length limit without maxLength', () => {
    const form = formWith({ id: 'notes', type: 'text', label: 'Notes' });
    expect(validateAnswers(form, { notes: 'x'.repeat(100_000) }, complete)).toEqual([]);
  });
});

describe('date answers', () => {
  it('must be real calendar dates in YYYY-MM-DD', () => {
    for (const value of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '01/09/2021', '2021-9-1', ' 2021-09-01', '2021-09-01T00:00:00Z']) {
      expect(validateAnswers(educationAdvice, education({ startedAtSetting: value }), draft)).toEqual([
        { pageId: 'about', questionId: 'startedAtSetting', code: 'invalid_date', message: 'Date started at this setting must be a real date' },
      ]);
    }
    expect(validateAnswers(educationAdvice, education({ startedAtSetting: '2024-02-29' }), complete)).toEqual([]);
  });

  it('must be strings', () => {
    expect(codes(validateAnswers(educationAdvice, education({ startedAtSetting: 20210901 }), draft))).toEqual(['startedAtSetting:invalid_type']);
  });

  it('must be within min and max, inclusive', () => {
    expect(validateAnswers(educationAdvice, education({ startedAtSetting: '2000-01-01' }), complete)).toEqual([]);
    expect(validateAnswers(educationAdvice, education({ startedAtSetting: '1999-12-31' }), draft)).toEqual([
      {
        pageId: 'about',
        questionId: 'startedAtSetting',
        code: 'date_too_early',
        message: 'Date started at this setting must be the same as or after 01-Jan-2000',
      },
    ]);
    const form = formWith({ id: 'seen', type: 'date', label: 'Date last seen', max: '2026-10-05' });
    expect(validateAnswers(form, { seen: '2026-10-05' }, complete)).toEqual([]);
    expect(validateAnswers(form, { seen: '2026-10-06' }, draft)).toEqual([
      { pageId: 'main', questionId: 'seen', code: 'date_too_late', message: 'Date last seen must be the same as or before 05-Oct-2026' },
    ]);
  });
});

describe('radio and select answers', () => {
  it('must be one of the option values', () => {
    expect(validateAnswers(educationAdvice, education({ keyStage: 'ks9' }), draft)).toEqual([
      { pageId: 'about', questionId: 'keyStage', code: 'invalid_option', message: 'Select the current key stage from the options given' },
    ]);
    expect(codes(validateAnswers(educationAdvice, education({ attendanceLevel: 'Good (95% or more)' }), draft))).toEqual([
      'attendanceLevel:invalid_option',
    ]);
  });

  it('must be a single string', () => {
    expect(codes(validateAnswers(educationAdvice, education({ keyStage: ['ks2'], attendanceLevel: 1 }), draft))).toEqual([
      'keyStage:invalid_type',
      'attendanceLevel:invalid_type',
    ]);
  });
});

describe('checkboxes answers', () => {
  it('must be a list of option values', () => {
    expect(codes(validateAnswers(educationAdvice, education({ areasOfNeed: 'semh' }), draft))).toEqual(['areasOfNeed:invalid_type']);
    expect(codes(validateAnswers(educationAdvice, education({ areasOfNeed: ['semh', 3] }), draft))).toEqual(['areasOfNeed:invalid_type']);
    expect(validateAnswers(educationAdvice, education({ areasOfNeed: ['semh', 'maths'] }), draft)).toEqual([
      { pageId: 'needs', questionId: 'areasOfNeed', code: 'invalid_option', message: 'Select the areas of need from the options given' },
    ]);
  });

  it('rejects an option ticked twice', () => {
    expect(codes(validateAnswers(educationAdvice, education({ areasOfNeed: ['semh', 'semh'] }), draft))).toEqual([
      'areasOfNeed:invalid_option',
    ]);
  });

  it('accepts every option at once, in any order', () => {
    const all = ['sensory', 'semh', 'communication', 'cognition'];
    expect(validateAnswers(educationAdvice, education({ areasOfNeed: all }), complete)).toEqual([]);
  });
});

describe('table answers', () => {
  it('must be a list of row objects', () => {
    expect(validateAnswers(educationAdvice, education({ support: { provision: 'x' } }), draft)).toEqual([
      { pageId: 'needs', questionId: 'support', code: 'invalid_type', message: 'Support currently in place must be a list of rows' },
    ]);
    expect(validateAnswers(educationAdvice, education({ support: [{ provision: 'x' }, null, ['y'], 'z'] }), draft)).toEqual([
      'Row 2',
      'Row 3',
      'Row 4',
    ].map((row, index) => ({
      pageId: 'needs',
      questionId: 'support',
      row: index + 1,
      code: 'invalid_type',
      message: `Support currently in place: ${row.toLowerCase()} must be a set of answers`,
    })));
  });

  it('checks every cell against its column', () => {
    const support = [
      { provision: 'Therapy', startDate: '2025-02-30', impact: 'huge', hoursPerWeek: 'x'.repeat(11) },
      { provision: 7 },
    ];
    expect(validateAnswers(educationAdvice, education({ support }), draft)).toEqual([
      {
        pageId: 'needs',
        questionId: 'support',
        row: 0,
        columnId: 'hoursPerWeek',
        code: 'too_long',
        message: 'Support currently in place: hours per week in row 1 must be 10 characters or fewer',
      },
      {
        pageId: 'needs',
        questionId: 'support',
        row: 0,
        columnId: 'startDate',
        code: 'invalid_date',
        message: 'Support currently in place: start date in row 1 must be a real date',
      },
      {
        pageId: 'needs',
        questionId: 'support',
        row: 0,
        columnId: 'impact',
        code: 'invalid_option',
        message: 'Support currently in place: select the impact in row 1 from the options given',
      },
      {
        pageId: 'needs',
        questionId: 'support',
        row: 1,
        columnId: 'provision',
        code: 'invalid_type',
        message: 'Support currently in place: provision in row 2 must be text',
      },
    ]);
  });

  it('requires required columns on every row only when complete', () => {
    const support = [{ provision: 'Therapy' }, { hoursPerWeek: '2' }, { provision: ' ' }];
    expect(validateAnswers(educationAdvice, education({ support }), complete)).toEqual([
      {
        pageId: 'needs',
        questionId: 'support',
        row: 1,
        columnId: 'provision',
        code: 'required',
        message: 'Support currently in place: enter the provision in row 2',
      },
      {
        pageId: 'needs',
        questionId: 'support',
        row: 2,
        columnId: 'provision',
        code: 'required',
        message: 'Support currently in place: enter the provision in row 3',
      },
    ]);
    expect(validateAnswers(educationAdvice, education({ support }), draft)).toEqual([]);
  });

  it('reports columns the table does not have', () => {
    const exclusions = [{ date: '2025-11-03', days: '1', reason: 'x', __proto__: 'y' }];
    const answers = education({ exclusions: JSON.parse(JSON.stringify(exclusions).replace('"reason"', '"__proto__"')) });
    expect(validateAnswers(educationAdvice, answers, draft)).toEqual([
      {
        pageId: 'attendance',
        questionId: 'exclusions',
        row: 0,
        columnId: '__proto__',
        code: 'unknown_column',
        message: 'Exclusions this academic year: row 1 has no column "__proto__"',
      },
    ]);
  });

  it('limits the number of rows', () => {
    const support = Array.from({ length: 21 }, () => ({ provision: 'Therapy' }));
    expect(validateAnswers(educationAdvice, education({ support }), draft)).toEqual([
      { pageId: 'needs', questionId: 'support', code: 'too_many_rows', message: 'Support currently in place must have 20 rows or fewer' },
    ]);
    expect(validateAnswers(educationAdvice, education({ support: support.slice(1) }), complete)).toEqual([]);
  });

  it('enforces minRows only when complete, and on optional tables only once answered or when minRows > 0', () => {
    const form = formWith({
      id: 'contacts',
      type: 'table',
      label: 'Other professionals involved',
      minRows: 2,
      columns: [{ id: 'name', type: 'text', label: 'Name', required: true }],
    });
    const oneRow = { contacts: [{ name: 'A' }] };
    expect(validateAnswers(form, oneRow, draft)).toEqual([]);
    expect(validateAnswers(form, oneRow, complete)).toEqual([
      { pageId: 'main', questionId: 'contacts', code: 'too_few_rows', message: 'Add at least 2 rows to the other professionals involved' },
    ]);
    expect(codes(validateAnswers(form, {}, complete))).toEqual(['contacts:too_few_rows']);
    expect(validateAnswers(form, { contacts: [{ name: 'A' }, { name: 'B' }] }, complete)).toEqual([]);
  });

  it('lets an optional table without minRows stay empty', () => {
    expect(validateAnswers(educationAdvice, education({ exclusions: [] }), complete)).toEqual([]);
    expect(validateAnswers(educationAdvice, education({ exclusions: null }), complete)).toEqual([]);
  });

  it('reports a required table with no rows only as required', () => {
    expect(validateAnswers(educationAdvice, education({ support: [] }), complete)).toEqual([
      { pageId: 'needs', questionId: 'support', code: 'required', message: 'Add at least one row to the support currently in place' },
    ]);
  });

  it('checks checkboxes columns', () => {
    const form = formWith({
      id: 'services',
      type: 'table',
      label: 'Services',
      columns: [
        { id: 'name', type: 'text', label: 'Name' },
        { id: 'days', type: 'checkboxes', label: 'Days', required: true, options: [{ value: 'mon', label: 'Monday' }, { value: 'tue', label: 'Tuesday' }] },
      ],
    });
    const services = [{ days: ['mon', 'tue'] }, { days: 'mon' }, { days: ['wed'] }, { days: [] }];
    expect(codes(validateAnswers(form, { services }, complete))).toEqual([
      'services[1].days:invalid_type',
      'services[2].days:invalid_option',
      'services[3].days:required',
    ]);
    expect(validateAnswers(form, { services }, complete)[2].message).toBe('Services: select the days in row 4');
  });
});

describe('read-only and unknown questions', () => {
  it('rejects answers to read-only questions', () => {
    expect(validateAnswers(educationAdvice, education({ childName: 'Sam' }), draft)).toEqual([
      { pageId: 'about', questionId: 'childName', code: 'read_only', message: "Child or young person's name cannot be changed" },
    ]);
    expect(codes(validateAnswers(healthContribution, { ...healthAnswers(), conferenceDate: '' }, complete))).toEqual([
      'conferenceDate:read_only',
    ]);
  });

  it('rejects answers to questions the form does not have, after the form-ordered errors', () => {
    const answers = JSON.parse('{"nickname":"Sam","setting":5,"__proto__":{"polluted":true},"constructor":1}');
    const errors = validateAnswers(educationAdvice, { ...educationAnswers(), ...answers }, draft);
    expect(errors).toEqual([
      expect.objectContaining({ questionId: 'setting', code: 'invalid_type' }),
      { pageId: '', questionId: 'nickname', code: 'unknown_question', message: '"nickname" is not a question on this form' },
      { pageId: '', questionId: '__proto__', code: 'unknown_question', message: '"__proto__" is not a question on this form' },
      { pageId: '', questionId: 'constructor', code: 'unknown_question', message: '"constructor" is not a question on this form' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds the length of an unknown key echoed in a message', () => {
    const [error] = validateAnswers(educationAdvice, { ['k'.repeat(5000)]: 1 }, draft);
    expect(error.code).toBe('unknown_question');
    expect(error.message.length).toBeLessThan(120);
  });
});

describe('showIf', () => {
  it('requires a shown question and ignores a hidden one entirely when complete', () => {
    expect(validateAnswers(educationAdvice, education({ attendanceLevel: 'poor' }), complete)).toEqual([
      {
        pageId: 'attendance',
        questionId: 'absenceReasons',
        code: 'required',
        message: 'Enter the main reasons for absence',
      },
    ]);
    expect(validateAnswers(educationAdvice, education({ attendanceLevel: 'good', absenceReasons: 42 }), complete)).toEqual([]);
    expect(validateAnswers(educationAdvice, education({ attendanceLevel: 'poor', absenceReasons: 'Illness' }), complete)).toEqual([]);
  });

  it('still type-checks hidden answers in a draft', () => {
    expect(codes(validateAnswers(educationAdvice, education({ attendanceLevel: 'good', absenceReasons: 42 }), draft))).toEqual([
      'absenceReasons:invalid_type',
    ]);
  });

  it('uses the instruction itself as the required message', () => {
    expect(validateAnswers(healthContribution, { ...healthAnswers(), concernDetails: '' }, complete)).toEqual([
      { pageId: 'contribution', questionId: 'concernDetails', code: 'required', message: 'Describe your concerns' },
    ]);
    expect(validateAnswers(healthContribution, { ...healthAnswers(), concerns: 'no', concernDetails: '' }, complete)).toEqual([]);
  });

  const chain = formWith(
    { id: 'a', type: 'radio', label: 'First', required: true, options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
    {
      id: 'b',
      type: 'checkboxes',
      label: 'Second',
      showIf: { questionId: 'a', equals: 'yes' },
      options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }],
    },
    { id: 'c', type: 'text', label: 'Third', required: true, showIf: { questionId: 'b', equals: 'y' } },
  );

  it('follows chains: a question is hidden when its controller is hidden', () => {
    expect(codes(validateAnswers(chain, { a: 'yes', b: ['x', 'y'] }, complete))).toEqual(['c:required']);
    expect(codes(validateAnswers(chain, { a: 'yes', b: ['x'] }, complete))).toEqual([]);
    expect(codes(validateAnswers(chain, { a: 'no', b: ['y'] }, complete))).toEqual([]);
    expect(codes(validateAnswers(chain, { a: 'no', b: ['y', 'z'], c: 5 }, complete))).toEqual([]);
    expect(codes(validateAnswers(chain, { a: 'no', b: ['y', 'z'], c: 5 }, draft))).toEqual(['b:invalid_option', 'c:invalid_type']);
  });
});

describe('page filtering', () => {
  it('reports only the errors of the given page', () => {
    const answers = { setting: 5, attendanceLevel: 'poor', support: [{}], nickname: 'x' };
    expect(codes(validateAnswers(educationAdvice, answers, { mode: 'complete', pageId: 'attendance' }))).toEqual([
      'absenceReasons:required',
    ]);
    expect(codes(validateAnswers(educationAdvice, answers, { mode: 'complete', pageId: 'needs' }))).toEqual([
      'areasOfNeed:required',
      'strengths:required',
      'support[0].provision:required',
    ]);
    expect(codes(validateAnswers(educationAdvice, answers, { mode: 'draft', pageId: 'about' }))).toEqual(['setting:invalid_type']);
  });

  it('returns nothing for a page the form does not have (findPage tells the caller)', () => {
    expect(findPage(educationAdvice, 'nowhere')).toBeUndefined();
    expect(findPage(educationAdvice, 'needs')?.title).toBe('Needs and support');
    expect(validateAnswers(educationAdvice, {}, { mode: 'complete', pageId: 'nowhere' })).toEqual([]);
  });
});

describe('error order', () => {
  it('follows pages, questions, rows and columns, whatever the order of the answer keys', () => {
    const answers = {
      support: [{ provision: 'x', impact: 'bad' }, { startDate: 'soon' }],
      outcomes: 1,
      exclusions: [{ date: 'x', days: '1', kind: 'x' }, { days: 2 }],
      keyStage: 'ks7',
      setting: 1,
    };
    expect(codes(validateAnswers(educationAdvice, answers, complete))).toEqual([
      'setting:invalid_type',
      'startedAtSetting:required',
      'keyStage:invalid_option',
      'attendanceLevel:required',
      'exclusions[0].date:invalid_date',
      'exclusions[0].kind:invalid_option',
      'exclusions[1].date:required',
      'exclusions[1].days:invalid_type',
      'areasOfNeed:required',
      'strengths:required',
      'support[0].impact:invalid_option',
      'support[1].provision:required',
      'support[1].startDate:invalid_date',
      'outcomes:invalid_type',
    ]);
  });
});

describe('untrusted input', () => {
  it('reports a non-object answer set instead of throwing', () => {
    for (const answers of [null, undefined, [], ['setting'], 'answers', 7, true]) {
      expect(validateAnswers(educationAdvice, answers, complete)).toEqual([
        { pageId: '', questionId: '', code: 'invalid_type', message: 'Answers must be a set of answers keyed by question' },
      ]);
    }
  });

  it('never mutates the answers', () => {
    const answers = deepFreeze(education({ support: [{ provision: '' }, 5], childName: 'x', extra: { nested: [1] } }));
    const before = copyJson(answers);
    expect(() => validateAnswers(educationAdvice, answers, complete)).not.toThrow();
    expect(() => validateAnswers(educationAdvice, answers, draft)).not.toThrow();
    expect(answers).toEqual(before);
  });

  it('ignores inherited properties', () => {
    const answers = Object.create({ setting: 'Inherited school' }) as Record<string, unknown>;
    expect(codes(validateAnswers(educationAdvice, answers, { mode: 'complete', pageId: 'about' }))).toEqual([
      'setting:required',
      'startedAtSetting:required',
      'keyStage:required',
    ]);
  });

  it('copes with objects without a prototype', () => {
    const answers = Object.assign(Object.create(null) as Record<string, unknown>, educationAnswers());
    expect(validateAnswers(educationAdvice, answers, complete)).toEqual([]);
  });
});

describe('an empty list is not an answer to a single-value question', () => {
  const definition = {
    key: 'lists',
    version: 1,
    title: 'Lists',
    pages: [
      {
        id: 'p',
        title: 'P',
        questions: [
          { id: 'choice', type: 'radio', label: 'Choice', options: [{ value: 'a', label: 'A' }] },
          { id: 'ticks', type: 'checkboxes', label: 'Ticks', options: [{ value: 'a', label: 'A' }] },
          {
            id: 'grid',
            type: 'table',
            label: 'Grid',
            columns: [{ id: 'impact', type: 'radio', label: 'Impact', options: [{ value: 'high', label: 'High' }] }],
          },
        ],
      },
    ],
  } as unknown as Parameters<typeof validateAnswers>[0];

  it('refuses [] for a radio question and a radio cell, and accepts it for checkboxes', () => {
    const errors = validateAnswers(definition, { choice: [], ticks: [], grid: [{ impact: [] }] }, { mode: 'draft' });
    expect(errors.map((e) => [e.questionId, e.columnId, e.code])).toEqual([
      ['choice', undefined, 'invalid_type'],
      ['grid', 'impact', 'invalid_type'],
    ]);
  });
});
