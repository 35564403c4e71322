import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../../components/errors';
import { Button, SingleCheckbox, TextField } from '../../components/fields';
import { Heading, SuccessBanner, usePageTitle } from '../../components/Page';
import type { Account, Page } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';

function AccountEditor({ account, onSaved }: { account: Account; onSaved: (account: Account, message: string) => void }) {
  const [email, setEmail] = useState(account.email);
  const [organisation, setOrganisation] = useState(account.organisation ?? '');
  const [disabled, setDisabled] = useState(!!account.disabled);
  const { errors, setErrors, clear } = useErrors();
  const prefix = `account-${account.id}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors([
      [`${prefix}-email`, !email.trim() ? 'Enter an email address' : !/^[^\s@]+@[^\s@]+$/.test(email.trim()) && 'Enter an email address in the correct format, like name@example.com'],
      [`${prefix}-organisation`, !organisation.trim() && 'Enter the organisation'],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    const body: Record<string, unknown> = {};
    if (email.trim().toLowerCase() !== account.email.toLowerCase()) body.email = email.trim();
    if (organisation.trim() !== (account.organisation ?? '')) body.organisation = organisation.trim();
    if (disabled !== !!account.disabled) body.disabled = disabled;
    if (!Object.keys(body).length) return setErrors({ fields: {}, summary: [{ text: 'Nothing has changed' }] });
    try {
      const updated = await api.patch<Account>(`/admin/accounts/${encodeURIComponent(account.id)}`, body);
      clear();
      const notes = [body.email && 'The old email address has been told and the person has been signed out.', body.disabled === true && 'The account is disabled and its sessions have ended.'].filter(Boolean);
      onSaved({ ...account, ...updated }, ['The account has been updated.', ...notes].join(' '));
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'email' || key === 'invalid_email' ? `${prefix}-email` : key === 'organisation' ? `${prefix}-organisation` : undefined)));
    }
  };

  return (
    <section className="app-card" aria-labelledby={`${prefix}-title`}>
      <h2 className="govuk-heading-m app-break-word" id={`${prefix}-title`}>
        {account.firstName} {account.lastName}
        {account.disabled && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Disabled</strong>}
      </h2>
      <ErrorSummary errors={errors.summary} />
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value app-break-word">{account.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Job title</dt>
          <dd className="govuk-summary-list__value">{account.jobTitle || 'Not given'}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Roles</dt>
          <dd className="govuk-summary-list__value">{account.roles?.join(', ')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Work Groups</dt>
          <dd className="govuk-summary-list__value">{account.workGroups?.map((g) => g.name).join(', ') || 'None'}</dd>
        </div>
      </dl>
      <form noValidate onSubmit={save}>
        <TextField id={`${prefix}-email`} label="Email address" type="email" spellCheck={false} hint="Changing it tells the old address and signs the person out. Their tasks stay with them." value={email} onChange={setEmail} error={errors.fields[`${prefix}-email`]} />
        <TextField id={`${prefix}-organisation`} label="Organisation" value={organisation} onChange={setOrganisation} error={errors.fields[`${prefix}-organisation`]} />
        <SingleCheckbox id={`${prefix}-disabled`} label="Disable this account" hint="The person cannot sign in, and is signed out everywhere at once." checked={disabled} onChange={setDisabled} />
        <Button type="submit">Save changes</Button>
      </form>
    </section>
  );
}

export function AdminAccountsPage() {
  const [email, setEmail] = useState('');
  const [results, setResults] = useState<Account[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { errors, setErrors, clear, hasErrors } = useErrors();
  usePageTitle('Accounts', hasErrors);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const trimmed = email.trim();
    if (!trimmed) return setErrors(fieldErrors([['search-email', 'Enter the email address of the account']]));
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
      <AdminBreadcrumbs items={[{ label: 'Accounts' }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          {message && <SuccessBanner heading={message} />}
          <Heading>Accounts</Heading>
          <form noValidate onSubmit={search} role="search">
            <TextField id="search-email" label="Find an account by email address" hint="Enter the whole email address" type="email" spellCheck={false} value={email} onChange={setEmail} error={errors.fields['search-email']} />
            <Button type="submit" variant="secondary">
              Find account
            </Button>
          </form>
          <div role="status" aria-live="polite">
            {results && results.length === 0 && <p className="govuk-body">There is no account with that email address.</p>}
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
