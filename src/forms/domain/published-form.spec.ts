import { copyJson, educationAdvice, educationAdviceJson } from '../../../libs/form-schema/test-fixtures/sample-forms';
import { validateDefinition } from '../../../libs/form-schema/src';
import { canonicalJson } from '../../shared/canonical-json';
import { PublishedForm } from './published-form';

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  return value;
}

const now = new Date('2026-11-28T10:00:00.000Z');

describe('PublishedForm', () => {
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('the same definition written in another key order has the same content', () => {
    const reordered = validateDefinition(reversedKeys(copyJson(educationAdviceJson)));
    if (!reordered.ok) throw new Error('fixture invalid');
    expect(PublishedForm.publish(reordered.definition, now).hasSameContentAs(PublishedForm.publish(educationAdvice, now))).toBe(
      true,
    );
  });

  it('any real change is different content, including the order of pages, questions and options', () => {
    const original = PublishedForm.publish(educationAdvice, now);
    const changes: ((d: any) => void)[] = [
      (d) => (d.title = 'Other'),
      (d) => d.pages.reverse(),
      (d) => d.pages[0].questions[5].options.reverse(),
      (d) => (d.pages[0].questions[3].maxLength = 201),
      (d) => (d.allowAttachments = false),
    ];
    for (const change of changes) {
      const copy = copyJson(educationAdvice);
      change(copy);
      expect(PublishedForm.publish(copy, now).hasSameContentAs(original)).toBe(false);
    }
  });
});
