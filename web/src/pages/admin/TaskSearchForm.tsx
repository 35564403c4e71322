import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldErrors, useErrors } from '../../components/errors';
import { TextField } from '../../components/fields';
import { useT } from '../../i18n/language';

/** What the helpdesk searches by (GET /admin/tasks): each is optional, together they narrow the list. */
export interface TaskSearch {
  reference?: string;
  subjectName?: string;
  email?: string;
  formKey?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface PublishedForm {
  key: string;
  version: number;
  title: string;
}

function clean(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * "Find a task" for the helpdesk ("unable to find a form" is one of the guide's reasons to call): the
 * words typed are sent only when Search is pressed, so a half-typed email asks the server nothing.
 */
export function TaskSearchForm({ onSearch }: { onSearch: (search: TaskSearch) => void }) {
  const [reference, setReference] = useState('');
  const [subjectName, setSubjectName] = useState('');
  const [email, setEmail] = useState('');
  const [formKey, setFormKey] = useState('');
  const [forms, setForms] = useState<PublishedForm[]>([]);
  const { errors, setErrors, clear } = useErrors();
  const t = useT();

  useEffect(() => {
    api
      .get<{ items: PublishedForm[] }>('/admin/forms')
      .then((result) => setForms(result.items ?? []))
      .catch(() => setForms([]));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search: TaskSearch = { reference: clean(reference), subjectName: clean(subjectName), email: clean(email)?.toLowerCase(), formKey: formKey || undefined };
    const found = fieldErrors([
      ['search-reference', !!search.reference && search.reference.length > 100 && t('search.err.reference')],
      ['search-name', !!search.subjectName && (search.subjectName.length < 2 || search.subjectName.length > 100) && t('search.err.name')],
      ['search-email', !!search.email && !EMAIL.test(search.email) && t('login.emailFormat')],
    ]);
    if (found.summary.length) return setErrors(found);
    clear();
    onSearch(search);
  };

  const clearAll = () => {
    setReference('');
    setSubjectName('');
    setEmail('');
    setFormKey('');
    clear();
    onSearch({});
  };

  return (
    <form noValidate onSubmit={submit} role="search" aria-label={t('filters.find')} className="app-task-search">
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">{t('filters.find')}</h2>
      <div className="app-filters">
        <TextField id="search-reference" label={t('filters.reference')} hint={t('search.referenceHint')} value={reference} onChange={setReference} error={errors.fields['search-reference']} spellCheck={false} widthClass="govuk-input--width-10" />
        <TextField id="search-name" label={t('search.childName')} hint={t('search.childNameHint')} value={subjectName} onChange={setSubjectName} error={errors.fields['search-name']} spellCheck={false} widthClass="govuk-input--width-20" />
        <TextField id="search-email" label={t('search.email')} hint={t('search.emailHint')} type="email" value={email} onChange={setEmail} error={errors.fields['search-email']} spellCheck={false} widthClass="govuk-input--width-20" />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="search-form">
            {t('filters.form')}
          </label>
          <select id="search-form" className="govuk-select app-search-form-select" value={formKey} onChange={(event) => setFormKey(event.target.value)}>
            <option value="">{t('search.anyForm')}</option>
            {forms.map((form) => (
              <option key={form.key} value={form.key}>
                {form.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          {t('search.search')}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={clearAll}>
          {t('search.clear')}
        </button>
      </div>
    </form>
  );
}
