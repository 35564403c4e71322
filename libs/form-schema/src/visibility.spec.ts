import type { FormDefinition } from './form-definition.types';
import { findQuestion, orderedQuestions } from './form-navigation';
import { computeVisibility, isVisible, visibleAnswers } from './visibility';
import { definitionOf, educationAdvice, educationAnswers, healthAnswers, healthContribution } from '../test-fixtures/sample-forms';

const chain: FormDefinition = definitionOf({
  key: 'chain',
  version: 1,
  title: 'Chain',
  pages: [
    {
      id: 'one',
      title: 'One',
      questions: [
        { id: 'a', type: 'radio', label: 'A', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
        { id: 'b', type: 'checkboxes', label: 'B', showIf: { questionId: 'a', equals: 'yes' }, options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] },
      ],
    },
    {
      id: 'two',
      title: 'Two',
      questions: [
        { id: 'c', type: 'select', label: 'C', showIf: { questionId: 'b', equals: 'y' }, options: [{ value: 'go', label: 'Go' }] },
        { id: 'd', type: 'text', label: 'D', showIf: { questionId: 'c', equals: 'go' } },
        { id: 'e', type: 'date', label: 'E' },
        { id: 'f', type: 'text', label: 'F', showIf: { questionId: 'e', equals: '2026-10-05' } },
      ],
    },
  ],
});

describe('isVisible', () => {
  it('shows questions without showIf whatever the answers', () => {
    expect(isVisible(educationAdvice, {}, 'setting')).toBe(true);
    expect(isVisible(educationAdvice, null, 'childName')).toBe(true);
  });

  it('shows a dependent question only while the controller equals the value', () => {
    expect(isVisible(educationAdvice, { attendanceLevel: 'poor' }, 'absenceReasons')).toBe(true);
    expect(isVisible(educationAdvice, { attendanceLevel: 'good' }, 'absenceReasons')).toBe(false);
    expect(isVisible(educationAdvice, {}, 'absenceReasons')).toBe(false);
    expect(isVisible(educationAdvice, { attendanceLevel: ['poor'] }, 'absenceReasons')).toBe(false);
    expect(isVisible(healthContribution, { concerns: 'yes' }, 'concernDetails')).toBe(true);
    expect(isVisible(healthContribution, { concerns: 'no' }, 'concernDetails')).toBe(false);
  });

  it('uses "includes" for a checkboxes controller', () => {
    expect(isVisible(chain, { a: 'yes', b: ['x', 'y'] }, 'c')).toBe(true);
    expect(isVisible(chain, { a: 'yes', b: ['x'] }, 'c')).toBe(false);
    expect(isVisible(chain, { a: 'yes', b: 'y' }, 'c')).toBe(false);
  });

  it('matches dates as strings', () => {
    expect(isVisible(chain, { e: '2026-10-05' }, 'f')).toBe(true);
    expect(isVisible(chain, { e: '2026-10-06' }, 'f')).toBe(false);
  });

  it('hides the whole chain below a hidden controller, across pages', () => {
    const shown = { a: 'yes', b: ['y'], c: 'go', d: 'text' };
    expect(['a', 'b', 'c', 'd'].map((id) => isVisible(chain, shown, id))).toEqual([true, true, true, true]);
    const switchedOff = { ...shown, a: 'no' };
    expect(['a', 'b', 'c', 'd'].map((id) => isVisible(chain, switchedOff, id))).toEqual([true, false, false, false]);
  });

  it('does not consider inherited properties answers', () => {
    expect(isVisible(educationAdvice, Object.create({ attendanceLevel: 'poor' }), 'absenceReasons')).toBe(false);
  });

  it('treats unknown questions as not visible', () => {
    expect(isVisible(educationAdvice, {}, 'nope')).toBe(false);
  });

  it('computes the visibility of every question at once', () => {
    expect(Object.fromEntries(computeVisibility(chain, { a: 'yes', b: ['y'] }))).toEqual({
      a: true,
      b: true,
      c: true,
      d: false,
      e: true,
      f: false,
    });
  });
});

describe('visibleAnswers', () => {
  it('drops hidden answers, read-only keys, unknown keys and nulls', () => {
    const answers = {
      childName: 'Sam',
      setting: 'Oakfield',
      attendanceLevel: 'good',
      absenceReasons: 'kept in the draft, not submitted',
      nickname: 'x',
      outcomes: null,
    };
    expect(visibleAnswers(educationAdvice, answers)).toEqual({ setting: 'Oakfield', attendanceLevel: 'good' });
  });

  it('keeps a dependent answer while it is shown, in form order', () => {
    const answers = { ...healthAnswers(), conferenceDate: '2026-10-05' };
    const result = visibleAnswers(healthContribution, answers);
    expect(Object.keys(result)).toEqual(['role', 'lastSeen', 'concerns', 'concernDetails', 'appointments']);
  });

  it('returns a copy that shares nothing with the input', () => {
    const answers = educationAnswers();
    const snapshot = JSON.stringify(answers);
    const result = visibleAnswers(educationAdvice, answers) as Record<string, unknown>;
    (result.support as { provision: string }[])[0].provision = 'changed';
    (result.areasOfNeed as string[]).push('sensory');
    expect(JSON.stringify(answers)).toBe(snapshot);
  });

  it('returns an empty set for answers that are not an object', () => {
    for (const answers of [null, undefined, [], 'x', 3]) expect(visibleAnswers(educationAdvice, answers)).toEqual({});
  });

  it('never creates a __proto__ answer', () => {
    const answers = JSON.parse('{"__proto__": {"setting": "x"}, "setting": "Oakfield"}');
    const result = visibleAnswers(educationAdvice, answers);
    expect(result).toEqual({ setting: 'Oakfield' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe('orderedQuestions and findQuestion', () => {
  it('lists questions page by page with their form position', () => {
    const ordered = orderedQuestions(educationAdvice);
    expect(ordered.map((entry) => entry.question.id)).toEqual([
      'childName',
      'dateOfBirth',
      'caseWorker',
      'setting',
      'startedAtSetting',
      'keyStage',
      'attendanceLevel',
      'absenceReasons',
      'exclusions',
      'areasOfNeed',
      'strengths',
      'support',
      'outcomes',
    ]);
    expect(ordered.map((entry) => entry.index)).toEqual(ordered.map((_, index) => index));
    expect(ordered[7]).toMatchObject({ pageIndex: 1, page: { id: 'attendance' } });
  });

  it('finds a question with its page', () => {
    expect(findQuestion(educationAdvice, 'support')).toMatchObject({ page: { id: 'needs' }, question: { type: 'table' }, index: 11 });
    expect(findQuestion(educationAdvice, 'nope')).toBeUndefined();
  });
});
