import { fieldMessage, inRow, inTable, lowerFirst, phraseFor } from './messages';

describe('phraseFor', () => {
  it('adds "the" to a noun-phrase label', () => {
    expect(phraseFor('Name of educational setting')).toMatchObject({
      object: 'the name of educational setting',
      subject: 'Name of educational setting',
    });
  });

  it('keeps a determiner the label already has', () => {
    expect(phraseFor('Your role').object).toBe('your role');
    expect(phraseFor('The main carer').object).toBe('the main carer');
  });

  it('keeps acronyms and mixed case at the start', () => {
    expect(phraseFor('GP practice').object).toBe('the GP practice');
    expect(phraseFor('SENCo name').object).toBe('the SENCo name');
  });

  it('turns "What is/are the …?" into a noun phrase', () => {
    expect(phraseFor("What are the child's strengths?")).toMatchObject({ object: "the child's strengths", subject: "The child's strengths" });
    expect(phraseFor('What is your job title?').object).toBe('your job title');
  });

  it('quotes other questions', () => {
    expect(phraseFor('When did you last see the child?')).toMatchObject({
      object: 'an answer to "When did you last see the child?"',
      subject: 'The answer to "When did you last see the child?"',
      ref: '"When did you last see the child?"',
    });
  });

  it('uses instructions as they stand', () => {
    expect(phraseFor('Describe your concerns').instruction).toBe('Describe your concerns');
    expect(phraseFor('List of medications').instruction).toBeUndefined();
  });
});

describe('fieldMessage', () => {
  const phrase = phraseFor('Date started at this setting');

  it('follows the GOV.UK patterns', () => {
    expect(fieldMessage({ code: 'required' }, 'date', phrase)).toBe('Enter the date started at this setting');
    expect(fieldMessage({ code: 'required' }, 'select', phraseFor('Current key stage'))).toBe('Select the current key stage');
    expect(fieldMessage({ code: 'invalid_date' }, 'date', phrase)).toBe('Date started at this setting must be a real date');
    expect(fieldMessage({ code: 'date_too_early', min: '2000-01-01' }, 'date', phrase)).toBe(
      'Date started at this setting must be the same as or after 01-Jan-2000',
    );
    expect(fieldMessage({ code: 'too_long', maxLength: 10 }, 'text', phraseFor('Notes'))).toBe('Notes must be 10 characters or fewer');
  });

  it('places cell messages in their row and table', () => {
    const cell = inRow(phraseFor('Provision'), 1);
    expect(inTable('Support currently in place', fieldMessage({ code: 'required' }, 'text', cell))).toBe(
      'Support currently in place: enter the provision in row 2',
    );
    expect(inTable('Visits', fieldMessage({ code: 'invalid_date' }, 'date', inRow(phraseFor('GP visit date'), 0)))).toBe(
      'Visits: GP visit date in row 1 must be a real date',
    );
  });
});

describe('lowerFirst', () => {
  it('lower-cases only ordinary capitalised words', () => {
    expect(lowerFirst('Enter the name')).toBe('enter the name');
    expect(lowerFirst('NHS number')).toBe('NHS number');
    expect(lowerFirst('I think')).toBe('I think');
    expect(lowerFirst('')).toBe('');
  });
});
