/**
 * The two sample definitions from shared/forms, copied here because CI clones the repository to a
 * path where shared/ may not sit where it does locally.
 */
import { validateDefinition } from '../src/definition-validator';
import type { FormDefinition } from '../src/form-definition.types';
import educationAdviceFile from './education-advice.v1.json';
import healthContributionFile from './health-contribution.v1.json';

export const educationAdviceJson: unknown = educationAdviceFile;
export const healthContributionJson: unknown = healthContributionFile;

/** A fresh, mutable deep copy, so one test's edits never leak into another through the module cache. */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function definitionOf(raw: unknown): FormDefinition {
  const result = validateDefinition(raw);
  if (!result.ok) throw new Error(`fixture is invalid: ${JSON.stringify(result.errors)}`);
  return result.definition;
}

export const educationAdvice = definitionOf(educationAdviceJson);
export const healthContribution = definitionOf(healthContributionJson);

/** A complete, valid set of answers to the education advice form. */
export function educationAnswers(): Record<string, unknown> {
  return {
    setting: 'Oakfield Primary School',
    startedAtSetting: '2021-09-01',
    keyStage: 'ks2',
    attendanceLevel: 'good',
    exclusions: [{ date: '2025-11-03', days: '2', kind: 'suspension' }],
    areasOfNeed: ['cognition', 'semh'],
    strengths: 'Enjoys reading and art.',
    support: [
      { provision: 'Speech and language therapy', hoursPerWeek: '1', startDate: '2025-01-06', impact: 'some' },
      { provision: 'Small-group literacy', impact: 'high' },
    ],
    outcomes: '',
  };
}

/** A complete, valid set of answers to the health contribution form. */
export function healthAnswers(): Record<string, unknown> {
  return {
    role: 'school-nurse',
    lastSeen: '2026-10-05',
    concerns: 'yes',
    concernDetails: 'Missed two immunisation appointments.',
    appointments: [{ date: '2026-03-14', service: 'Immunisation clinic' }],
  };
}
