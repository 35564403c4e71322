import type { Answers, FormDefinition, Question } from './form-definition.types';
import { orderedQuestions } from './form-navigation';
import { copyAnswerValue, isPlainObject, ownValue } from './json';

function controllerMatches(controller: Question, value: unknown, equals: string): boolean {
  if (controller.type === 'checkboxes') return Array.isArray(value) && value.includes(equals);
  return typeof value === 'string' && value === equals;
}

/**
 * Visibility of every question, keyed by id. One pass in form order is enough because a valid
 * definition only lets `showIf` point at earlier questions; a hidden controller hides its dependants.
 */
export function computeVisibility(definition: FormDefinition, answers: unknown): Map<string, boolean> {
  const source = isPlainObject(answers) ? answers : {};
  const questions = new Map<string, Question>();
  const visible = new Map<string, boolean>();
  for (const { question } of orderedQuestions(definition)) {
    const rule = question.showIf;
    let shown = true;
    if (rule) {
      const controller = questions.get(rule.questionId);
      shown =
        controller !== undefined &&
        visible.get(controller.id) === true &&
        controllerMatches(controller, ownValue(source, controller.id), rule.equals);
    }
    if (!questions.has(question.id)) questions.set(question.id, question);
    visible.set(question.id, shown);
  }
  return visible;
}

/** Whether the question is shown for these answers; unknown question ids are never visible. */
export function isVisible(definition: FormDefinition, answers: unknown, questionId: string): boolean {
  return computeVisibility(definition, answers).get(questionId) === true;
}

/**
 * The answers that are submitted, put in the PDF and delivered: only visible, answerable questions
 * of this definition, in form order, without "no answer" nulls. A fresh copy; the input is untouched.
 */
export function visibleAnswers(definition: FormDefinition, answers: unknown): Answers {
  if (!isPlainObject(answers)) return {};
  const visible = computeVisibility(definition, answers);
  const entries: [string, unknown][] = [];
  for (const { question } of orderedQuestions(definition)) {
    if (question.type === 'readonly' || visible.get(question.id) !== true) continue;
    const value = ownValue(answers, question.id);
    if (value === null || value === undefined) continue;
    entries.push([question.id, copyAnswerValue(value)]);
  }
  // fromEntries defines own properties, so even an odd id can never reach a prototype.
  return Object.fromEntries(entries) as Answers;
}
