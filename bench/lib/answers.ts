import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormDefinition, validateAnswers } from '../../libs/form-schema/src';

/**
 * Realistic drafts of the education form: a professional's prose (strengths, outcomes), a table of
 * support in place, exclusions, choices. Deterministic (seeded PRNG), 10-20 KB of JSON each, and
 * complete: every variant passes the form's `complete` validation, so a task holding one can be
 * submitted.
 */

export const FIXTURES_DIR = join(__dirname, '..', '..', '..', 'libs', 'form-schema', 'test-fixtures');

export function loadDefinition(file: string): FormDefinition {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8')) as FormDefinition;
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = [
  'In class', 'During structured play', 'At lunchtime', 'In small-group sessions', 'With familiar adults',
  'When routines change', 'In literacy lessons', 'In maths', 'On the playground', 'In the nurture group',
  'During transitions between lessons', 'In one-to-one work', 'On school trips', 'In PE', 'At the start of the day',
];
const SUBJECTS = [
  'she', 'he', 'they', 'the young person', 'the pupil', 'our student',
];
const VERBS = [
  'shows real curiosity about', 'responds well to', 'needs adult support with', 'has made steady progress in',
  'finds it difficult to manage', 'engages enthusiastically with', 'is beginning to take ownership of',
  'benefits from visual prompts for', 'can become anxious about', 'has shown resilience in',
];
const OBJECTS = [
  'reading comprehension', 'turn-taking games', 'written tasks longer than a page', 'practical science work',
  'changes to the timetable', 'working with peers', 'number bonds and times tables', 'expressing feelings verbally',
  'following multi-step instructions', 'creative writing', 'unstructured time', 'sensory-rich environments',
  'organising equipment', 'homework routines', 'phonics and spelling', 'group discussions',
];
const TAILS = [
  'and this has been discussed with parents at the termly review.',
  'which we monitor through weekly check-ins with the SENCo.',
  'particularly when the class teacher gives advance warning.',
  'although progress is slower when attendance dips.',
  'and the speech and language therapist has suggested further strategies.',
  'as recorded in the provision map since the autumn term.',
  'with a noticeable improvement since the pastoral plan was introduced.',
  'which remains an area of focus for the coming year.',
];
const PROVISIONS = [
  'Daily precision teaching of high-frequency words with a trained teaching assistant',
  'Weekly speech and language therapy group delivered by the NHS therapist',
  'Emotional literacy support assistant (ELSA) sessions',
  'Social skills group using Lego-based therapy',
  'Movement breaks timetabled every 40 minutes with access to a quiet room',
  'Visual timetable and now-and-next board in every lesson',
  'Small-group maths intervention using concrete apparatus',
  'Daily check-in and check-out with a trusted adult',
  'Access arrangements: reader, scribe and 25% extra time in assessments',
  'Occupational therapy programme for fine motor skills',
  'Lunchtime club with structured activities',
  'Mentoring with the learning mentor focused on attendance',
];
const SETTINGS = [
  'Riverside Primary School', 'St Anne\'s C of E Academy', 'Hillcrest Community College', 'Oakfield Junior School',
  'Northgate Pupil Referral Unit', 'Meadowbank Infant School', 'Kingsway High School', 'Brookside Sixth Form',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function sentence(rand: () => number): string {
  const s = `${pick(rand, OPENERS)} ${pick(rand, SUBJECTS)} ${pick(rand, VERBS)} ${pick(rand, OBJECTS)}, ${pick(rand, TAILS)}`;
  return s;
}

function prose(rand: () => number, minChars: number, maxChars: number): string {
  const target = minChars + Math.floor(rand() * (maxChars - minChars));
  const paragraphs: string[] = [];
  let length = 0;
  while (length < target) {
    const n = 3 + Math.floor(rand() * 4);
    const para = Array.from({ length: n }, () => sentence(rand)).join(' ');
    paragraphs.push(para);
    length += para.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, maxChars);
}

function date(rand: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function educationAnswers(seed: number): Record<string, unknown> {
  const rand = prng(seed * 7919 + 17);
  const attendance = pick(rand, ['good', 'concern', 'poor'] as const);
  const answers: Record<string, unknown> = {
    setting: pick(rand, SETTINGS),
    startedAtSetting: date(rand, 2016, 2025),
    keyStage: pick(rand, ['eyfs', 'ks1', 'ks2', 'ks3', 'ks4', 'post16']),
    attendanceLevel: attendance,
    exclusions: Array.from({ length: Math.floor(rand() * 3) }, () => ({
      date: date(rand, 2025, 2026),
      days: String(1 + Math.floor(rand() * 5)),
      kind: pick(rand, ['suspension', 'permanent']),
    })),
    areasOfNeed: ['cognition', 'communication', 'semh', 'sensory'].filter(() => rand() < 0.6),
    strengths: prose(rand, 3200, 6500),
    support: Array.from({ length: 7 + Math.floor(rand() * 10) }, () => ({
      provision: `${pick(rand, PROVISIONS)}. ${sentence(rand)} ${sentence(rand)}`.slice(0, 500),
      hoursPerWeek: String(1 + Math.floor(rand() * 10)),
      startDate: date(rand, 2023, 2026),
      impact: pick(rand, ['high', 'some', 'none']),
    })),
    outcomes: prose(rand, 2800, 5500),
  };
  if ((answers.areasOfNeed as string[]).length === 0) answers.areasOfNeed = ['cognition'];
  if (attendance === 'poor') answers.absenceReasons = prose(rand, 300, 1200);
  return answers;
}

/** `count` complete, valid variants; throws if the generator ever drifts from the form. */
export function educationVariants(definition: FormDefinition, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const answers = educationAnswers(i + 1);
    const errors = validateAnswers(definition, answers, { mode: 'complete' });
    if (errors.length) throw new Error(`answers variant ${i} does not fit the form: ${JSON.stringify(errors[0])}`);
    out.push(JSON.stringify(answers));
  }
  return out;
}
