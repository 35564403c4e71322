import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../components/errors';
import { Button, TextField } from '../components/fields';
import { Heading, Loading, SuccessBanner, usePageTitle } from '../components/Page';
import { useT } from '../i18n/language';
import { useSession } from '../session';
import type { Account } from '../types';
import { validateDetails } from './Register';

interface Draft {
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  phone: string;
  line1: string;
  line2: string;
  town: string;
  postcode: string;
}

function toDraft(account: Account): Draft {
  return {
    firstName: account.firstName ?? '',
    lastName: account.lastName ?? '',
    jobTitle: account.jobTitle ?? '',
    organisation: account.organisation ?? '',
    phone: account.phone ?? '',
    line1: account.address?.line1 ?? '',
    line2: account.address?.line2 ?? '',
    town: account.address?.town ?? '',
    postcode: account.address?.postcode ?? '',
  };
}

const PATHS: Record<string, string> = {
  firstName: 'firstName',
  lastName: 'lastName',
  jobTitle: 'jobTitle',
  organisation: 'organisation',
  phone: 'phone',
  'address.line1': 'address-line1',
  'address.line2': 'address-line2',
  'address.town': 'address-town',
  'address.postcode': 'address-postcode',
};

export function MyDetailsPage() {
  const t = useT();
  const { setAccount } = useSession();
  const [account, setLocal] = useState<Account | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, clear, hasErrors } = useErrors();
  usePageTitle(editing ? t('details.change') : t('details.title'), hasErrors);

  useEffect(() => {
    api
      .get<Account>('/me')
      .then((me) => {
        setLocal(me);
        setDraft(toDraft(me));
      })
      .catch((error) => setErrors(problemErrors(error)));
  }, [setErrors]);

  if (!account || !draft) return hasErrors ? <ErrorSummary errors={errors.summary} /> : <Loading label={t('details.loading')} />;

  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors(validateDetails(draft));
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    const before = toDraft(account);
    const body: Record<string, unknown> = {};
    for (const key of ['firstName', 'lastName', 'jobTitle', 'organisation', 'phone'] as const) {
      if (draft[key].trim() !== before[key]) body[key] = draft[key].trim();
    }
    if (['line1', 'line2', 'town', 'postcode'].some((key) => draft[key as keyof Draft].trim() !== before[key as keyof Draft])) {
      const address: Record<string, string> = { line1: draft.line1.trim(), town: draft.town.trim(), postcode: draft.postcode.trim() };
      if (draft.line2.trim()) address.line2 = draft.line2.trim();
      body.address = address;
    }
    try {
      const updated = Object.keys(body).length ? await api.patch<Account>('/me', body) : account;
      setLocal(updated);
      setDraft(toDraft(updated));
      setAccount(updated);
      clear();
      setEditing(false);
      setSaved(true);
    } catch (error) {
      setErrors(problemErrors(error, (key) => PATHS[key]));
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <Heading focusKey="edit">{t('details.change')}</Heading>
          <form noValidate onSubmit={submit}>
            <TextField id="firstName" label={t('field.firstName')} autoComplete="given-name" value={draft.firstName} onChange={set('firstName')} error={errors.fields.firstName} />
            <TextField id="lastName" label={t('field.lastName')} autoComplete="family-name" value={draft.lastName} onChange={set('lastName')} error={errors.fields.lastName} />
            <TextField id="jobTitle" label={t('field.jobTitle')} optional autoComplete="organization-title" value={draft.jobTitle} onChange={set('jobTitle')} error={errors.fields.jobTitle} />
            <TextField id="organisation" label={t('field.organisation')} autoComplete="organization" value={draft.organisation} onChange={set('organisation')} error={errors.fields.organisation} />
            <TextField id="phone" label={t('field.phone')} optional type="tel" autoComplete="tel" widthClass="govuk-input--width-20" value={draft.phone} onChange={set('phone')} error={errors.fields.phone} />
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 className="govuk-fieldset__heading">{t('field.address')}</h2>
              </legend>
              <TextField id="address-line1" label={t('field.addressLine1')} autoComplete="address-line1" value={draft.line1} onChange={set('line1')} error={errors.fields['address-line1']} />
              <TextField id="address-line2" label={t('field.addressLine2')} optional autoComplete="address-line2" value={draft.line2} onChange={set('line2')} error={errors.fields['address-line2']} />
              <TextField id="address-town" label={t('field.town')} autoComplete="address-level2" widthClass="govuk-!-width-two-thirds" value={draft.town} onChange={set('town')} error={errors.fields['address-town']} />
              <TextField id="address-postcode" label={t('field.postcode')} autoComplete="postal-code" widthClass="govuk-input--width-10" value={draft.postcode} onChange={set('postcode')} error={errors.fields['address-postcode']} />
            </fieldset>
            <div className="govuk-button-group">
              <Button type="submit" disabled={busy}>
                {t('details.saveChanges')}
              </Button>
              <button
                type="button"
                className="app-link-button govuk-link"
                onClick={() => {
                  clear();
                  setDraft(toDraft(account));
                  setEditing(false);
                }}
              >
                {t('details.cancel')}
              </button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  const row = (key: string, value: string | null | undefined) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value app-pre-line">{value || t('details.notGiven')}</dd>
    </div>
  );
  const address = [account.address?.line1, account.address?.line2, account.address?.town, account.address?.postcode].filter(Boolean).join('\n');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {saved && <SuccessBanner heading={t('details.updated')} />}
        <Heading focusKey="view">{t('details.title')}</Heading>
        <dl className="govuk-summary-list">
          {row(t('details.name'), `${account.firstName} ${account.lastName}`)}
          {row(t('details.email'), account.email)}
          {row(t('field.jobTitle'), account.jobTitle)}
          {row(t('field.organisation'), account.organisation)}
          {row(t('field.phone'), account.phone)}
          {row(t('field.address'), address)}
          {row(t('details.workGroups'), account.workGroups.map((g) => g.name).join('\n') || t('details.none'))}
        </dl>
        <Button
          variant="secondary"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('details.change')}
        </Button>
        <p className="govuk-body">{t('details.helpdesk')}</p>
      </div>
    </div>
  );
}
