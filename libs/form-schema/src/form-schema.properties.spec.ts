import fc from 'fast-check';
import { validateAnswers } from './answer-validator';
import { validateDefinition } from './definition-validator';
import type { FormDefinition } from './form-definition.types';
import { orderedQuestions } from './form-navigation';
import { computeVisibility, visibleAnswers } from './visibility';
import { answerKeyArb, validAnswersArb } from '../test-fixtures/answer-arbitraries';
import { copyJson, educationAdvice, educationAdviceJson, healthContribution } from '../test-fixtures/sample-forms';

const samples: [string, FormDefinition][] = [
  ['education-advice', educationAdvice],
  ['health-contribution', healthContribution],
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/** Arbitrary JSON, and JSON shaped like answers: known keys with values of the wrong shape. */
function hostileAnswersArb(definition: FormDefinition): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.dictionary(answerKeyArb(definition), fc.jsonValue()),
    fc.dictionary(answerKeyArb(definition), fc.array(fc.dictionary(fc.string(), fc.anything()))),
    fc.tuple(validAnswersArb(definition), fc.dictionary(answerKeyArb(definition), fc.anything())).map(([valid, noise]) => ({ ...valid, ...noise })),
  );
}

describe.each(samples)('properties of %s', (_name, definition) => {
  const pageIds = definition.pages.map((page) => page.id);

  it('(a) validateAnswers never throws and never mutates, whatever the input', () => {
    fc.assert(
      fc.property(hostileAnswersArb(definition), fc.constantFrom('draft' as const, 'complete' as const), fc.option(fc.constantFrom(...pageIds, 'nowhere'), { nil: undefined }), (answers, mode, pageId) => {
        deepFreeze(answers);
        const errors = validateAnswers(definition, answers, { mode, pageId });
        expect(Array.isArray(errors)).toBe(true);
        for (const error of errors) {
          expect(typeof error.message).toBe('string');
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('(b) valid answers give no errors in draft or complete mode', () => {
    fc.assert(
      fc.property(validAnswersArb(definition), (answers) => {
        expect(validateAnswers(definition, answers, { mode: 'draft' })).toEqual([]);
        expect(validateAnswers(definition, answers, { mode: 'complete' })).toEqual([]);
        for (const pageId of pageIds) expect(validateAnswers(definition, answers, { mode: 'complete', pageId })).toEqual([]);
      }),
    );
  });

  it('(b) hidden answers are not checked when complete', () => {
    fc.assert(
      fc.property(validAnswersArb(definition), fc.jsonValue(), (answers, junk) => {
        const visibility = computeVisibility(definition, answers);
        const hidden = orderedQuestions(definition).filter(({ question }) => visibility.get(question.id) === false);
        const withJunk = { ...answers, ...Object.fromEntries(hidden.map(({ question }) => [question.id, junk])) };
        expect(validateAnswers(definition, withJunk, { mode: 'complete' })).toEqual([]);
      }),
    );
  });

  it('(c) removing a required visible answer gives exactly one required error for it', () => {
    fc.assert(
      fc.property(validAnswersArb(definition), fc.nat(), fc.constantFrom(undefined, null, '', []), (answers, pick, blank) => {
        const visibility = computeVisibility(definition, answers);
        const candidates = orderedQuestions(definition).filter(
          ({ question }) => question.required && question.type !== 'readonly' && visibility.get(question.id),
        );
        const { page, question } = candidates[pick % candidates.length];
        const without: Record<string, unknown> = { ...answers };
        // An empty list means "no answer" only where a list is the answer.
        const listAnswer = question.type === 'checkboxes' || question.type === 'table';
        if (blank === undefined) delete without[question.id];
        else without[question.id] = Array.isArray(blank) && !listAnswer ? '' : blank;
        expect(validateAnswers(definition, without, { mode: 'complete' })).toEqual([
          { pageId: page.id, questionId: question.id, code: 'required', message: expect.any(String) },
        ]);
        expect(validateAnswers(definition, without, { mode: 'draft' })).toEqual([]);
      }),
    );
  });

  it('(d) visibleAnswers is idempotent and holds only visible, answerable questions', () => {
    const answerable = new Set(orderedQuestions(definition).filter(({ question }) => question.type !== 'readonly').map(({ question }) => question.id));
    fc.assert(
      fc.property(hostileAnswersArb(definition), (answers) => {
        deepFreeze(answers);
        const once = visibleAnswers(definition, answers);
        expect(visibleAnswers(definition, once)).toEqual(once);
        const visibility = computeVisibility(definition, answers);
        for (const [key, value] of Object.entries(once)) {
          expect(answerable.has(key)).toBe(true);
          expect(visibility.get(key)).toBe(true);
          expect(value).not.toBeNull();
        }
        expect(Object.getPrototypeOf(once)).toBe(Object.prototype);
      }),
    );
  });

  it('(d) visibleAnswers of valid answers still validates when complete', () => {
    fc.assert(
      fc.property(validAnswersArb(definition), (answers) => {
        expect(validateAnswers(definition, visibleAnswers(definition, answers), { mode: 'complete' })).toEqual([]);
      }),
    );
  });
});

describe('validateDefinition properties', () => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        const result = validateDefinition(input);
        expect(result.ok ? result.definition : result.errors.length).toBeTruthy();
      }),
    );
  });

  it('never throws when a sample has one property replaced by arbitrary JSON, and names a path for every error', () => {
    const paths: string[][] = [];
    const collect = (value: unknown, path: string[]): void => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        paths.push([...path, key]);
        collect(child, [...path, key]);
      }
    };
    collect(educationAdviceJson, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
        const input = copyJson(educationAdviceJson) as Record<string, unknown>;
        let target: Record<string, unknown> = input;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path[path.length - 1]] = replacement;
        const result = validateDefinition(input);
        if (!result.ok) for (const error of result.errors) expect(typeof error.path).toBe('string');
      }),
    );
  });
});
