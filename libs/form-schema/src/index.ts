/** Public surface of the form-schema library: shared by the API and the browser client. */
export * from './form-definition.types';
export { validateDefinition } from './definition-validator';
export type { DefinitionError, DefinitionValidationResult } from './definition-validator';
export { validateAnswers, ANSWER_ERROR_CODES } from './answer-validator';
export type { AnswerError, AnswerErrorCode, ValidateAnswersOptions, ValidationMode } from './answer-validator';
export { computeVisibility, isVisible, visibleAnswers } from './visibility';
export { orderedQuestions, findPage, findQuestion } from './form-navigation';
export type { OrderedQuestion } from './form-navigation';
export { displayAnswer, optionLabel, LIST_SEPARATOR } from './display';
export { formatDate, formatDateInLanguage, isRealDate } from './dates';
export { FORM_MESSAGES, formMessage } from './message-catalogue';
export type { FormMessageKey, MessageLanguage } from './message-catalogue';
export { characterCount } from './field-check';
export { isBlank as isUnanswered } from './json';
export { localizeDefinition } from './localize';
export type { FormLanguage } from './localize';
