import { copyJson, healthContribution } from '../test-fixtures/sample-forms';
import { validateAnswers } from './answer-validator';
import { validateDefinition } from './definition-validator';
import type { FormDefinition } from './form-definition.types';
import { localizeDefinition } from './localize';
import { FORM_MESSAGES, formMessage } from './message-catalogue';

const placeholders = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();

describe('the validation message catalogue', () => {
  it('has every English key in Welsh, non-empty, with placeholders the English one also fills', () => {
    expect(Object.keys(FORM_MESSAGES.cy).sort()).toEqual(Object.keys(FORM_MESSAGES.en).sort());
    for (const [key, english] of Object.entries(FORM_MESSAGES.en)) {
      const welsh = FORM_MESSAGES.cy[key as keyof typeof FORM_MESSAGES.en];
      expect([key, welsh.trim() === '']).toEqual([key, false]);
      // Welsh quotes the label in every phrase, so it may use fewer of object/subject/ref, never others.
      for (const name of placeholders(welsh)) expect([key, placeholders(english).includes(name)]).toEqual([key, true]);
    }
  });

  it('fills placeholders', () => {
    expect(formMessage('cy', 'table.unknownColumn', { row: 2, key: '"x"' })).toBe('Nid oes colofn "x" yn rhes 2');
  });
});

function bilingual(): FormDefinition {
  const form = copyJson(healthContribution) as Record<string, any>;
  const question = (id: string) => form.pages[0].questions.find((q: { id: string }) => q.id === id);
  question('role').cy = { label: 'Eich rôl' };
  question('lastSeen').cy = { label: 'Pryd welsoch chi’r plentyn ddiwethaf?' };
  question('appointments').cy = { label: 'Apwyntiadau a gollwyd' };
  question('appointments').columns[0].cy = { label: 'Dyddiad' };
  const result = validateDefinition(form);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

describe('validation messages in Welsh', () => {
  const answers = { role: 'nope', lastSeen: '2026-02-30', concerns: 'no', appointments: [{ service: 'GP' }], extra: 1 };

  it('says the same problems at the same places, in Welsh with the Welsh labels, English labels where none', () => {
    const definition = bilingual();
    const english = validateAnswers(definition, answers, { mode: 'complete' });
    const welsh = validateAnswers(definition, answers, { mode: 'complete', language: 'cy' });
    const where = (e: (typeof english)[0]) => [e.pageId, e.questionId, e.code, e.row, e.columnId];
    expect(welsh.map(where)).toEqual(english.map(where));
    expect(welsh.map((e) => e.message)).toEqual([
      'Dewiswch ateb i “Eich rôl” o’r dewisiadau a roddwyd',
      'Rhaid i’r ateb i “Pryd welsoch chi’r plentyn ddiwethaf?” fod yn ddyddiad go iawn',
      'Apwyntiadau a gollwyd: rhowch ateb i “Dyddiad” yn rhes 1',
      'Nid yw "extra" yn gwestiwn ar y ffurflen hon',
    ]);
    expect(english.map((e) => e.message)).toContain('Select your role from the options given');
  });

  it('gives the same Welsh for a definition already shown in Welsh (as the web client validates it)', () => {
    const definition = bilingual();
    expect(validateAnswers(localizeDefinition(definition, 'cy'), answers, { mode: 'complete', language: 'cy' })).toEqual(
      validateAnswers(definition, answers, { mode: 'complete', language: 'cy' }),
    );
  });

  it('names unknown questions and a bad answer set in Welsh', () => {
    const definition = bilingual();
    expect(validateAnswers(definition, { extra: 1 }, { mode: 'draft', language: 'cy' })[0].message).toBe(
      'Nid yw "extra" yn gwestiwn ar y ffurflen hon',
    );
    expect(validateAnswers(definition, [], { mode: 'draft', language: 'cy' })[0].message).toContain('Rhaid i’r atebion');
  });
});
