import { copyJson, healthContribution } from '../test-fixtures/sample-forms';
import { validateDefinition } from './definition-validator';
import type { FormDefinition } from './form-definition.types';
import { localizeDefinition } from './localize';

/** The health contribution with Welsh beside some of its English (not all: English is the fallback). */
function bilingual(): Record<string, any> {
  const form = copyJson(healthContribution) as Record<string, any>;
  form.cy = { title: 'Cyfraniad iechyd i gynhadledd amddiffyn plant' };
  form.pages[0].cy = { title: 'Cyfraniad iechyd' };
  const role = form.pages[0].questions.find((q: { id: string }) => q.id === 'role');
  role.cy = { label: 'Eich rôl' };
  role.options[0].cy = { label: 'Ymwelydd iechyd' };
  const appointments = form.pages[0].questions.find((q: { type: string }) => q.type === 'table');
  appointments.columns[0].cy = { label: 'Dyddiad' };
  return form;
}

describe('Welsh in form definitions', () => {
  it('accepts Welsh titles, labels, hints and option labels beside the English, and keeps them', () => {
    const result = validateDefinition(bilingual());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.cy).toEqual({ title: 'Cyfraniad iechyd i gynhadledd amddiffyn plant' });
    expect(result.definition.pages[0].cy).toEqual({ title: 'Cyfraniad iechyd' });
  });

  it.each([
    ['not an object', (f: Record<string, any>) => (f.cy = 'Cymraeg'), 'cy', 'must be an object'],
    ['an empty string', (f: Record<string, any>) => (f.pages[0].cy = { title: ' ' }), 'pages[0].cy.title', 'must not be empty'],
    ['a text the node does not have', (f: Record<string, any>) => (f.pages[0].cy = { label: 'x' }), 'pages[0].cy.label', ''],
    [
      'a Welsh hint without an English one',
      (f: Record<string, any>) => {
        const q = f.pages[0].questions.find((x: { hint?: string }) => x.hint === undefined);
        q.cy = { hint: 'Awgrym' };
      },
      '.cy.hint',
      'needs an English hint',
    ],
    [
      'a non-string option label',
      (f: Record<string, any>) => {
        const q = f.pages[0].questions.find((x: { id: string }) => x.id === 'role');
        q.options[1].cy = { label: 3 };
      },
      '.options[1].cy.label',
      'must be a string',
    ],
  ])('refuses Welsh that is %s, saying where', (_name, spoil, path, message) => {
    const form = bilingual();
    spoil(form);
    const result = validateDefinition(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path.endsWith(path) || e.path === path);
    expect(error).toBeDefined();
    expect(error?.message ?? '').toContain(message);
  });

  it('shows the Welsh where given and the English elsewhere; ids, values and rules unchanged', () => {
    const result = validateDefinition(bilingual());
    if (!result.ok) throw new Error('invalid');
    const english = result.definition;
    const welsh = localizeDefinition(english, 'cy');
    expect(localizeDefinition(english, 'en')).toBe(english);
    expect(welsh.title).toBe('Cyfraniad iechyd i gynhadledd amddiffyn plant');
    expect(welsh.pages[0].title).toBe('Cyfraniad iechyd');
    const role = welsh.pages[0].questions.find((q) => q.id === 'role') as Extract<
      FormDefinition['pages'][0]['questions'][0],
      { type: 'radio' | 'select' }
    >;
    expect(role.label).toBe('Eich rôl');
    expect(role.options[0].label).toBe('Ymwelydd iechyd');
    // No Welsh given: English.
    const englishRole = english.pages[0].questions.find((q) => q.id === 'role') as typeof role;
    expect(role.options[1].label).toBe(englishRole.options[1].label);
    expect(role.options.map((o) => o.value)).toEqual(englishRole.options.map((o) => o.value));
    const table = welsh.pages[0].questions.find((q) => q.type === 'table');
    expect(table && table.type === 'table' ? table.columns[0].label : '').toBe('Dyddiad');
    // The English definition is not changed by localizing it.
    expect(english.title).toBe('Health contribution to a child protection conference');
  });
});
