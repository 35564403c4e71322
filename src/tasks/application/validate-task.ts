import { Injectable } from '@nestjs/common';
import { findPage, validateAnswers, type AnswerError } from '../../../libs/form-schema/src';
import { FormCatalogue } from '../../forms';
import { UnknownPageError } from '../domain/task-errors';
import { TaskAccess } from './task-access';

/** Mandatory and type checks of the saved draft, for one page (Next/Previous) or the whole form (Submit). */
@Injectable()
export class ValidateTask {
  constructor(
    private readonly access: TaskAccess,
    private readonly forms: FormCatalogue,
  ) {}

  async execute(
    accountId: string,
    taskId: string,
    pageId?: string,
    language: 'en' | 'cy' = 'en',
  ): Promise<{ valid: boolean; errors: AnswerError[] }> {
    const task = await this.access.load(accountId, taskId);
    const form = await this.forms.get(task.formKey, task.formVersion);
    if (pageId !== undefined && !findPage(form.definition, pageId)) throw new UnknownPageError(pageId);
    const errors = validateAnswers(form.definition, task.answers, { mode: 'complete', pageId, language });
    return { valid: errors.length === 0, errors };
  }
}
