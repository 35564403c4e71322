import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../../components/errors';
import { Button, SingleCheckbox, TextField } from '../../components/fields';
import { Heading, SuccessBanner, usePageTitle } from '../../components/Page';
import { useT } from '../../i18n/language';
import type { AdminAccount as Account, Page } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';

function AccountEditor({ account, onSaved }: { account: Account; onSaved: (account: Account, message: string) => void }) {
  const [email, setEmail] = useState(account.email);
  const [organisation, setOrganisation] = useState(account.organisation ?? '');
  const [disabled, setDisabled] = useState(!!account.disabled);
  const { errors, setErrors, clear } = useErrors();
  const t = useT();
  const prefix = `account-${account.id}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors([
      [`${prefix}-email`, !email.trim() ? t('accounts.err.email') : !/^[^\s@]+@[^\s@]+$/.test(email.trim()) && t('login.emailFormat')],
      [`${prefix}-organisation`, !organisation.trim() && t('accounts.err.organisation')],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    const body: Record<string, unknown> = {};
    if (email.trim().toLowerCase() !== account.email.toLowerCase()) body.email = email.trim();
    if (organisation.trim() !== (account.organisation ?? '')) body.organisation = organisation.trim();
    if (disabled !== !!account.disabled) body.disabled = disabled;
    if (!Object.keys(body).length) return setErrors({ fields: {}, summary: [{ text: t('accounts.nothingChanged') }] });
    try {
      const updated = await api.patch<Account>(`/admin/accounts/${encodeURIComponent(account.id)}`, body);
      clear();
      const notes = [body.email && t('accounts.emailChanged'), body.disabled === true && t('accounts.disabledNow')].filter(Boolean);
      onSaved({ ...account, ...updated }, [t('accounts.updated'), ...notes].join(' '));
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'email' || key === 'invalid_email' ? `${prefix}-email` : key === 'organisation' ? `${prefix}-organisation` : undefined)));
    }
  };

  return (
    <section className="app-card" aria-labelledby={`${prefix}-title`}>
      <h2 className="govuk-heading-m app-break-word" id={`${prefix}-title`}>
        {account.firstName} {account.lastName}
        {account.disabled && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">{t('accounts.disabled')}</strong>}
      </h2>
      <ErrorSummary errors={errors.summary} />
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('details.email')}</dt>
          <dd className="govuk-summary-list__value app-break-word">{account.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('field.jobTitle')}</dt>
          <dd className="govuk-summary-list__value">{account.jobTitle || t('details.notGiven')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('accounts.roles')}</dt>
          <dd className="govuk-summary-list__value">{account.roles?.join(', ')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('details.workGroups')}</dt>
          <dd className="govuk-summary-list__value">{account.workGroups?.map((g) => g.name).join(', ') || t('details.none')}</dd>
        </div>
      </dl>
      <form noValidate onSubmit={save}>
        <TextField id={`${prefix}-email`} label={t('details.email')} type="email" spellCheck={false} hint={t('accounts.emailHint')} value={email} onChange={setEmail} error={errors.fields[`${prefix}-email`]} />
        <TextField id={`${prefix}-organisation`} label={t('field.organisation')} value={organisation} onChange={setOrganisation} error={errors.fields[`${prefix}-organisation`]} />
        <SingleCheckbox id={`${prefix}-disabled`} label={t('accounts.disable')} hint={t('accounts.disableHint')} checked={disabled} onChange={setDisabled} />
        <Button type="submit">{t('details.saveChanges')}</Button>
      </form>
    </section>
  );
}

export function AdminAccountsPage() {
  const [email, setEmail] = useState('');
  const [results, setResults] = useState<Account[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { errors, setErrors, clear, hasErrors } = useErrors();
  const t = useT();
  usePageTitle(t('admin.accounts'), hasErrors);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const trimmed = email.trim();
    if (!trimmed) return setErrors(fieldErrors([['search-email', t('accounts.err.search')]]));
    try {
      const result = await api.get<Page<Account> | Account[]>('/admin/accounts', { query: { email: trimmed } });
      setResults(Array.isArray(result) ? result : result.items ?? []);
      clear();
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'email' ? 'search-email' : undefined)));
    }
  };

  return (
    <>
      <AdminBreadcrumbs items={[{ label: t('admin.accounts') }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          {message && <SuccessBanner heading={message} />}
          <Heading>{t('admin.accounts')}</Heading>
          <form noValidate onSubmit={search} role="search">
            <TextField id="search-email" label={t('accounts.find')} hint={t('accounts.findHint')} type="email" spellCheck={false} value={email} onChange={setEmail} error={errors.fields['search-email']} />
            <Button type="submit" variant="secondary">
              {t('accounts.findButton')}
            </Button>
          </form>
          <div role="status" aria-live="polite">
            {results && results.length === 0 && <p className="govuk-body">{t('accounts.none')}</p>}
          </div>
          {results?.map((account) => (
            <AccountEditor
              key={`${account.id}-${account.email}-${String(account.disabled)}`}
              account={account}
              onSaved={(updated, text) => {
                setResults(results.map((a) => (a.id === updated.id ? updated : a)));
                setMessage(text);
                window.scrollTo(0, 0);
              }}
            />
          ))}
        </div>
      </div>
    </>
  );
}
