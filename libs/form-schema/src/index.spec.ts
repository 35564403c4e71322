import * as formSchema from './index';

describe('public API', () => {
  it('exports the functions renderers, the API and the web client rely on', () => {
    const functions = [
      'validateDefinition',
      'validateAnswers',
      'isVisible',
      'visibleAnswers',
      'computeVisibility',
      'orderedQuestions',
      'findPage',
      'findQuestion',
      'displayAnswer',
      'optionLabel',
      'formatDate',
      'isRealDate',
      'characterCount',
      'isUnanswered',
    ];
    for (const name of functions) expect(typeof (formSchema as Record<string, unknown>)[name]).toBe('function');
  });

  it('lists the stable answer error codes', () => {
    expect(formSchema.ANSWER_ERROR_CODES).toEqual([
      'unknown_question',
      'read_only',
      'invalid_type',
      'invalid_date',
      'date_too_early',
      'date_too_late',
      'too_long',
      'invalid_option',
      'too_many_rows',
      'too_few_rows',
      'unknown_column',
      'required',
    ]);
    expect(formSchema.QUESTION_TYPES).toEqual(['readonly', 'text', 'date', 'radio', 'select', 'checkboxes', 'table']);
    expect(formSchema.COLUMN_TYPES).toEqual(['text', 'date', 'radio', 'select', 'checkboxes']);
  });

  it('counts characters as code points and treats blanks as unanswered', () => {
    expect(formSchema.characterCount('a😀é')).toBe(3);
    expect([null, undefined, '', '  ', []].every(formSchema.isUnanswered)).toBe(true);
    expect(['x', ['a'], 0].some(formSchema.isUnanswered)).toBe(false);
  });
});
