import type { FormDefinition, Page, Question } from './form-definition.types';

export interface OrderedQuestion {
  page: Page;
  pageIndex: number;
  question: Question;
  /** Position of the question in the whole form (0-based), the order errors and renderers use. */
  index: number;
}

/** Every question of the form, page by page, in the order a person meets them. */
export function orderedQuestions(definition: FormDefinition): OrderedQuestion[] {
  const result: OrderedQuestion[] = [];
  definition.pages.forEach((page, pageIndex) => {
    for (const question of page.questions) {
      result.push({ page, pageIndex, question, index: result.length });
    }
  });
  return result;
}

export function findPage(definition: FormDefinition, pageId: string): Page | undefined {
  return definition.pages.find((page) => page.id === pageId);
}

export function findQuestion(definition: FormDefinition, questionId: string): OrderedQuestion | undefined {
  return orderedQuestions(definition).find((entry) => entry.question.id === questionId);
}
