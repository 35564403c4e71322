import { displayAnswer, optionLabel } from './display';
import type { Question } from './form-definition.types';
import { findQuestion } from './form-navigation';
import { educationAdvice, healthContribution } from '../test-fixtures/sample-forms';

function question(id: string): Question {
  const found = findQuestion(educationAdvice, id) ?? findQuestion(healthContribution, id);
  if (!found) throw new Error(`no question ${id}`);
  return found.question;
}

describe('displayAnswer', () => {
  it('shows text as given', () => {
    expect(displayAnswer(question('setting'), 'Oakfield Primary')).toBe('Oakfield Primary');
    expect(displayAnswer(question('strengths'), 'Line one\nLine two')).toBe('Line one\nLine two');
  });

  it('shows dates as DD-Mon-YYYY without any time-zone shift', () => {
    expect(displayAnswer(question('startedAtSetting'), '2026-10-05')).toBe('05-Oct-2026');
    expect(displayAnswer(question('lastSeen'), '2024-02-29')).toBe('29-Feb-2024');
    expect(displayAnswer(question('lastSeen'), '2026-01-01')).toBe('01-Jan-2026');
    expect(displayAnswer(question('lastSeen'), '2026-12-31')).toBe('31-Dec-2026');
  });

  it('shows an invalid date as given rather than guessing', () => {
    expect(displayAnswer(question('lastSeen'), '2026-02-30')).toBe('2026-02-30');
  });

  it('shows option labels for radio and select answers', () => {
    expect(displayAnswer(question('keyStage'), 'ks2')).toBe('Key stage 2');
    expect(displayAnswer(question('attendanceLevel'), 'poor')).toBe('Persistent absence (below 90%)');
    expect(displayAnswer(question('keyStage'), 'ks9')).toBe('ks9');
  });

  it('shows ticked options one per line, in the order the form offers them', () => {
    expect(displayAnswer(question('areasOfNeed'), ['semh', 'cognition'])).toBe(
      'Cognition and learning\nSocial, emotional and mental health',
    );
    expect(displayAnswer(question('areasOfNeed'), ['sensory', 'other'])).toBe('Sensory and/or physical\nother');
  });

  it('shows tables as rows of cells in column order', () => {
    const rows = [
      { impact: 'high', provision: 'Speech therapy', startDate: '2025-01-06', hoursPerWeek: '1' },
      { provision: 'Literacy group' },
    ];
    expect(displayAnswer(question('support'), rows)).toEqual([
      ['Speech therapy', '1', '06-Jan-2025', 'High'],
      ['Literacy group', '', '', ''],
    ]);
    expect(displayAnswer(question('exclusions'), [{ date: '2025-11-03', days: '2', kind: 'permanent' }])).toEqual([
      ['03-Nov-2025', '2', 'Permanent exclusion'],
    ]);
  });

  it('formats read-only prefill, including dates', () => {
    expect(displayAnswer(question('childName'), 'Sam Smith')).toBe('Sam Smith');
    expect(displayAnswer(question('dateOfBirth'), '2015-03-04')).toBe('04-Mar-2015');
    expect(displayAnswer(question('childName'), 7)).toBe('7');
  });

  it('gives empty results for unanswered or malformed values instead of throwing', () => {
    expect(displayAnswer(question('setting'), null)).toBe('');
    expect(displayAnswer(question('setting'), 5)).toBe('');
    expect(displayAnswer(question('startedAtSetting'), undefined)).toBe('');
    expect(displayAnswer(question('keyStage'), ['ks2'])).toBe('');
    expect(displayAnswer(question('areasOfNeed'), 'semh')).toBe('');
    expect(displayAnswer(question('areasOfNeed'), ['semh', 3])).toBe('Social, emotional and mental health');
    expect(displayAnswer(question('support'), null)).toEqual([]);
    expect(displayAnswer(question('support'), [null, 'x'])).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    expect(displayAnswer(question('childName'), { name: 'x' })).toBe('');
  });
});

describe('optionLabel', () => {
  it('falls back to the value', () => {
    expect(optionLabel([{ value: 'a', label: 'Apple' }], 'a')).toBe('Apple');
    expect(optionLabel([{ value: 'a', label: 'Apple' }], 'b')).toBe('b');
  });
});
