import type { Column, FormDefinition, Option, Page, Question } from './form-definition.types';

/** The languages a form may be shown in: English always, Welsh where the definition gives it. */
export type FormLanguage = 'en' | 'cy';

/**
 * The definition as shown in a language (issue 23): every title, label and hint replaced by its
 * Welsh (`cy`) where the definition has one, English otherwise. Ids, values and rules are untouched,
 * so answers and validation are the same in both languages. English returns the definition itself.
 */
export function localizeDefinition(definition: FormDefinition, language: FormLanguage): FormDefinition {
  if (language === 'en') return definition;
  return {
    ...definition,
    title: definition.cy?.title ?? definition.title,
    pages: definition.pages.map(localizePage),
  };
}

function localizePage(page: Page): Page {
  return { ...page, title: page.cy?.title ?? page.title, questions: page.questions.map(localizeQuestion) };
}

function localizeQuestion(question: Question): Question {
  const texts = localizeTexts(question);
  switch (question.type) {
    case 'radio':
    case 'select':
    case 'checkboxes':
      return { ...question, ...texts, options: question.options.map(localizeOption) };
    case 'table':
      return { ...question, ...texts, columns: question.columns.map(localizeColumn) };
    default:
      return { ...question, ...texts };
  }
}

function localizeColumn(column: Column): Column {
  return { ...column, ...localizeTexts(column), ...(column.options ? { options: column.options.map(localizeOption) } : {}) };
}

function localizeOption(option: Option): Option {
  return { ...option, label: option.cy?.label ?? option.label };
}

function localizeTexts(node: { label: string; hint?: string; cy?: { label?: string; hint?: string } }): {
  label: string;
  hint?: string;
} {
  const hint = node.cy?.hint ?? node.hint;
  return { label: node.cy?.label ?? node.label, ...(hint !== undefined ? { hint } : {}) };
}
