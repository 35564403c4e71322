import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors, type FormErrors } from '../components/errors';
import { Button, PasswordField, SingleCheckbox, TextField } from '../components/fields';
import { Heading, usePageTitle } from '../components/Page';
import { currentLanguage, translate, useT } from '../i18n/language';
import { Link, navigate } from '../router';

interface Details {
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  phone: string;
  line1: string;
  line2: string;
  town: string;
  postcode: string;
  professionalCapacity: boolean;
}

const EMPTY: Details = {
  firstName: '',
  lastName: '',
  jobTitle: '',
  organisation: '',
  phone: '',
  line1: '',
  line2: '',
  town: '',
  postcode: '',
  professionalCapacity: false,
};

/** Request paths (and codes) → field ids, and which step each field is on. */
const DETAIL_FIELDS: Record<string, string> = {
  firstName: 'firstName',
  lastName: 'lastName',
  jobTitle: 'jobTitle',
  organisation: 'organisation',
  phone: 'phone',
  'address.line1': 'address-line1',
  'address.line2': 'address-line2',
  'address.town': 'address-town',
  'address.postcode': 'address-postcode',
  address: 'address-line1',
  professionalCapacity: 'professionalCapacity',
  professional_capacity_required: 'professionalCapacity',
  invalid_profile: 'firstName',
};
const ACCOUNT_FIELDS: Record<string, string> = {
  email: 'email',
  invalid_email: 'email',
  password: 'password',
  weak_password: 'password',
};

type Step = 'details' | 'account' | 'code' | 'done';

export function validateDetails(
  details: Pick<Details, 'firstName' | 'lastName' | 'organisation' | 'line1' | 'town' | 'postcode'>,
): [string, string | false][] {
  return [
    ['firstName', !details.firstName.trim() && translate(currentLanguage(), 'register.err.firstName')],
    ['lastName', !details.lastName.trim() && translate(currentLanguage(), 'register.err.lastName')],
    ['organisation', !details.organisation.trim() && translate(currentLanguage(), 'register.err.organisation')],
    ['address-line1', !details.line1.trim() && translate(currentLanguage(), 'register.err.line1')],
    ['address-town', !details.town.trim() && translate(currentLanguage(), 'register.err.town')],
    ['address-postcode', !details.postcode.trim() && translate(currentLanguage(), 'register.err.postcode')],
  ];
}

export function RegisterPage() {
  const t = useT();
  const [step, setStep] = useState<Step>('details');
  const [details, setDetails] = useState<Details>(EMPTY);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [registrationId, setRegistrationId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [expiredNotice, setExpiredNotice] = useState<string | null>(null);
  const { errors, setErrors, clear, hasErrors } = useErrors();

  const set = (key: keyof Details) => (value: string | boolean) => setDetails((d) => ({ ...d, [key]: value }));

  const toDetails = (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors([
      ...validateDetails(details),
      ['professionalCapacity', !details.professionalCapacity && t('register.err.capacity')],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    clear();
    setStep('account');
  };

  const register = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? t('register.err.email') : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) && t('login.emailFormat')],
      ['password', !password ? t('register.err.password') : password.length < 12 && t('register.err.passwordShort')],
      ['confirm', password && !confirm ? t('register.err.confirm') : confirm !== password && t('register.err.mismatch')],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      const address: Record<string, string> = {
        line1: details.line1.trim(),
        town: details.town.trim(),
        postcode: details.postcode.trim(),
      };
      if (details.line2.trim()) address.line2 = details.line2.trim();
      const body: Record<string, unknown> = {
        firstName: details.firstName.trim(),
        lastName: details.lastName.trim(),
        organisation: details.organisation.trim(),
        address,
        professionalCapacity: true,
        email: trimmed,
        password,
        // The code email, and the new account, in the language the person is registering in.
        language: currentLanguage(),
      };
      if (details.jobTitle.trim()) body.jobTitle = details.jobTitle.trim();
      if (details.phone.trim()) body.phone = details.phone.trim();
      const result = await api.post<{ registrationId: string }>('/registrations', body);
      setRegistrationId(result.registrationId);
      clear();
      setStep('code');
    } catch (error) {
      const onDetails = problemErrors(error, (key) => DETAIL_FIELDS[key]);
      const detailIds = new Set(Object.values(DETAIL_FIELDS));
      if (Object.keys(onDetails.fields).some((id) => detailIds.has(id))) {
        setErrors(onDetails);
        setStep('details');
      } else {
        setErrors(problemErrors(error, (key) => ACCOUNT_FIELDS[key]));
      }
    } finally {
      setBusy(false);
    }
  };

  if (step === 'code' && registrationId) {
    return (
      <CodeStep
        email={email.trim()}
        caption={t('register.step', { n: 3 })}
        onSubmit={async (code) => {
          await api.post(`/registrations/${encodeURIComponent(registrationId)}/verify`, { code });
          setStep('done');
        }}
        onResend={() => api.post(`/registrations/${encodeURIComponent(registrationId)}/resend`)}
        onExpired={(message) => {
          setRegistrationId(null);
          setExpiredNotice(message);
          setStep('account');
        }}
      />
    );
  }

  if (step === 'done') return <Done />;

  return step === 'details' ? (
    <DetailsStep details={details} set={set} errors={errors} hasErrors={hasErrors} onSubmit={toDetails} />
  ) : (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <TitleFor title={t('register.emailAndPassword')} hasErrors={hasErrors} />
        <ErrorSummary errors={errors.summary} />
        {expiredNotice && (
          <div className="govuk-inset-text" role="alert">
            {t('register.expired', { message: expiredNotice })}
          </div>
        )}
        <p className="govuk-body">
          <a
            href="/register"
            className="govuk-back-link"
            onClick={(event) => {
              event.preventDefault();
              clear();
              setStep('details');
            }}
          >
            {t('register.back')}
          </a>
        </p>
        <Heading caption={t('register.step', { n: 2 })} focusKey="account">
          {t('register.emailAndPassword')}
        </Heading>
        <form noValidate onSubmit={register}>
          <TextField
            id="email"
            label={t('register.workEmail')}
            type="email"
            autoComplete="email"
            spellCheck={false}
            hint={t('register.workEmailHint')}
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <PasswordField
            id="password"
            label={t('register.createPassword')}
            hint={t('register.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.fields.password}
          />
          <PasswordField
            id="confirm"
            label={t('register.confirmPassword')}
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
            error={errors.fields.confirm}
          />
          <Button type="submit" disabled={busy}>
            {t('register.continue')}
          </Button>
        </form>
      </div>
    </div>
  );
}

function TitleFor({ title, hasErrors }: { title: string; hasErrors: boolean }) {
  usePageTitle(title, hasErrors);
  return null;
}

function DetailsStep({
  details,
  set,
  errors,
  hasErrors,
  onSubmit,
}: {
  details: Details;
  set: (key: keyof Details) => (value: string | boolean) => void;
  errors: FormErrors;
  hasErrors: boolean;
  onSubmit: (event: FormEvent) => void;
}) {
  const t = useT();
  usePageTitle(t('register.title'), hasErrors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <Heading caption={t('register.step', { n: 1 })} focusKey="details">
          {t('register.yourDetails')}
        </Heading>
        <p className="govuk-body">{t('register.once')}</p>
        <p className="govuk-body">
          {t('register.already')}
          <Link to="/login">{t('code.signIn')}</Link>
        </p>
        <form noValidate onSubmit={onSubmit}>
          <TextField
            id="firstName"
            label={t('field.firstName')}
            autoComplete="given-name"
            spellCheck={false}
            value={details.firstName}
            onChange={set('firstName')}
            error={errors.fields.firstName}
          />
          <TextField
            id="lastName"
            label={t('field.lastName')}
            autoComplete="family-name"
            spellCheck={false}
            value={details.lastName}
            onChange={set('lastName')}
            error={errors.fields.lastName}
          />
          <TextField
            id="jobTitle"
            label={t('field.jobTitle')}
            optional
            autoComplete="organization-title"
            value={details.jobTitle}
            onChange={set('jobTitle')}
            error={errors.fields.jobTitle}
          />
          <TextField
            id="organisation"
            label={t('field.organisation')}
            hint={t('register.organisationHint')}
            autoComplete="organization"
            value={details.organisation}
            onChange={set('organisation')}
            error={errors.fields.organisation}
          />
          <TextField
            id="phone"
            label={t('field.phone')}
            optional
            type="tel"
            autoComplete="tel"
            widthClass="govuk-input--width-20"
            value={details.phone}
            onChange={set('phone')}
            error={errors.fields.phone}
          />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">{t('field.address')}</h2>
            </legend>
            <div className="govuk-hint">{t('register.addressHint')}</div>
            <TextField
              id="address-line1"
              label={t('field.addressLine1')}
              autoComplete="address-line1"
              value={details.line1}
              onChange={set('line1')}
              error={errors.fields['address-line1']}
            />
            <TextField
              id="address-line2"
              label={t('field.addressLine2')}
              optional
              autoComplete="address-line2"
              value={details.line2}
              onChange={set('line2')}
              error={errors.fields['address-line2']}
            />
            <TextField
              id="address-town"
              label={t('field.town')}
              autoComplete="address-level2"
              widthClass="govuk-!-width-two-thirds"
              value={details.town}
              onChange={set('town')}
              error={errors.fields['address-town']}
            />
            <TextField
              id="address-postcode"
              label={t('field.postcode')}
              autoComplete="postal-code"
              widthClass="govuk-input--width-10"
              value={details.postcode}
              onChange={set('postcode')}
              error={errors.fields['address-postcode']}
            />
          </fieldset>
          <h2 className="govuk-heading-m">{t('register.capacity')}</h2>
          <SingleCheckbox
            id="professionalCapacity"
            label={t('register.capacityLabel')}
            hint={t('register.capacityHint')}
            checked={details.professionalCapacity}
            onChange={set('professionalCapacity')}
            error={errors.fields.professionalCapacity}
          />
          <Button type="submit">{t('register.continue')}</Button>
        </form>
      </div>
    </div>
  );
}

function Done() {
  const t = useT();
  usePageTitle(t('register.created'));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <Heading className="govuk-panel__title" focusKey="done">
            {t('register.created')}
          </Heading>
          <div className="govuk-panel__body">{t('register.canSignIn')}</div>
        </div>
        <p className="govuk-body">{t('register.signInText')}</p>
        <Button onClick={() => navigate('/login', { force: true })}>{t('register.continue')}</Button>
      </div>
    </div>
  );
}
