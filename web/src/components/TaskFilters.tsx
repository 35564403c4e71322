import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useT, type T } from '../i18n/language';
import type { TaskSummary } from '../types';

/** The list filters as they live in the URL (so a reload or a shared link keeps them). */
export interface ListFilters {
  q?: string;
  form?: string;
  /** 'overdue', or a number of days. */
  due?: string;
}

/** The due-date filter's choices; their words are in the catalogues (dueLabel). */
export const DUE_CHOICES: { value: string }[] = [{ value: '' }, { value: 'overdue' }, { value: '7' }, { value: '14' }, { value: '30' }];

export function filtersFrom(query: URLSearchParams): ListFilters {
  const due = query.get('due') ?? '';
  return {
    q: query.get('q')?.slice(0, 100) || undefined,
    form: query.get('form') || undefined,
    due: DUE_CHOICES.some((c) => c.value === due) && due ? due : undefined,
  };
}

/** The API's query for these filters. */
export function apiFilters(filters: ListFilters): Record<string, string | undefined> {
  return {
    q: filters.q,
    form: filters.form,
    overdue: filters.due === 'overdue' ? 'true' : undefined,
    dueWithinDays: filters.due && filters.due !== 'overdue' ? filters.due : undefined,
  };
}

/** Writes the filters into the address (keeping the other parameters) and tells the router. */
export function setUrlParams(changes: Record<string, string | undefined>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const qs = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * "Find a task": child's name or case reference, form, due date. For colleagues' tasks only the
 * reference is searched (their children's names are not shown there).
 */
/** A due-date choice in the reader's language. */
function dueLabel(t: T, value: string): string {
  if (value === '') return t('filters.due.any');
  if (value === 'overdue') return t('filters.due.overdue');
  return t('filters.due.within', { days: value });
}

export function TaskFilters({ view, filters, referenceOnly }: { view: string; filters: ListFilters; referenceOnly?: boolean }) {
  const t = useT();
  const id = useId();
  const [q, setQ] = useState(filters.q ?? '');
  const [form, setForm] = useState(filters.form ?? '');
  const [due, setDue] = useState(filters.due ?? '');
  const [forms, setForms] = useState<{ key: string; title: string }[]>([]);

  useEffect(() => {
    setQ(filters.q ?? '');
    setForm(filters.form ?? '');
    setDue(filters.due ?? '');
  }, [filters.q, filters.form, filters.due]);

  // The forms to choose from: those of this list's tasks.
  useEffect(() => {
    if (referenceOnly) return;
    api
      .get<{ items: TaskSummary[] }>('/tasks', { query: { view, limit: 100 } })
      .then((page) => {
        const byKey = new Map<string, string>();
        for (const task of page.items ?? []) if (task.form) byKey.set(task.form.key, task.form.title);
        setForms([...byKey].map(([key, title]) => ({ key, title })).sort((a, b) => a.title.localeCompare(b.title)));
      })
      .catch(() => setForms([]));
  }, [view, referenceOnly]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setUrlParams({ q: q.trim() || undefined, form: form || undefined, due: due || undefined });
  };
  const clear = () => setUrlParams({ q: undefined, form: undefined, due: undefined });
  const active = !!(filters.q || filters.form || filters.due);

  return (
    <form className="app-task-filters" role="search" aria-label={t('filters.find')} onSubmit={apply}>
      <div className="app-task-filters__fields">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor={`${id}-q`}>
            {referenceOnly ? t('filters.reference') : t('filters.childOrReference')}
          </label>
          <input className="govuk-input govuk-input--width-20" id={`${id}-q`} type="search" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        {!referenceOnly && (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor={`${id}-form`}>
              {t('filters.form')}
            </label>
            <select className="govuk-select" id={`${id}-form`} value={form} onChange={(e) => setForm(e.target.value)}>
              <option value="">{t('filters.allForms')}</option>
              {forms.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.title}
                </option>
              ))}
              {form && !forms.some((f) => f.key === form) && <option value={form}>{form}</option>}
            </select>
          </div>
        )}
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor={`${id}-due`}>
            {t('filters.due')}
          </label>
          <select className="govuk-select" id={`${id}-due`} value={due} onChange={(e) => setDue(e.target.value)}>
            {DUE_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {dueLabel(t, c.value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t('filters.apply')}
        </button>
        {active && (
          <button type="button" className="app-link-button govuk-link" onClick={clear}>
            {t('filters.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
