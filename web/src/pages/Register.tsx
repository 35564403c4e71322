import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors, type FormErrors } from '../components/errors';
import { Button, PasswordField, SingleCheckbox, TextField } from '../components/fields';
import { Heading, usePageTitle } from '../components/Page';
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

const EMPTY: Details = { firstName: '', lastName: '', jobTitle: '', organisation: '', phone: '', line1: '', line2: '', town: '', postcode: '', professionalCapacity: false };

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

export const PASSWORD_HINT = 'Use 12 to 128 characters. Do not use a common password or the first part of your email address. A few unrelated words together make a strong password.';

type Step = 'details' | 'account' | 'code' | 'done';

export function validateDetails(details: Pick<Details, 'firstName' | 'lastName' | 'organisation' | 'line1' | 'town' | 'postcode'>): [string, string | false][] {
  return [
    ['firstName', !details.firstName.trim() && 'Enter your first name'],
    ['lastName', !details.lastName.trim() && 'Enter your last name'],
    ['organisation', !details.organisation.trim() && 'Enter the name of your organisation'],
    ['address-line1', !details.line1.trim() && 'Enter address line 1, typically the building and street'],
    ['address-town', !details.town.trim() && 'Enter the town or city'],
    ['address-postcode', !details.postcode.trim() && 'Enter the postcode'],
  ];
}

export function RegisterPage() {
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
      ['professionalCapacity', !details.professionalCapacity && 'Confirm that you are using the portal in a professional capacity'],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    clear();
    setStep('account');
  };

  const register = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? 'Enter your work email address' : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) && 'Enter an email address in the correct format, like name@example.com'],
      ['password', !password ? 'Enter a password' : password.length < 12 && 'Your password must be 12 characters or more'],
      ['confirm', password && !confirm ? 'Enter your password again' : confirm !== password && 'The passwords do not match. Enter the same password twice'],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      const address: Record<string, string> = { line1: details.line1.trim(), town: details.town.trim(), postcode: details.postcode.trim() };
      if (details.line2.trim()) address.line2 = details.line2.trim();
      const body: Record<string, unknown> = {
        firstName: details.firstName.trim(),
        lastName: details.lastName.trim(),
        organisation: details.organisation.trim(),
        address,
        professionalCapacity: true,
        email: trimmed,
        password,
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
        caption="Register for a new account – step 3 of 3"
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
        <TitleFor title="Your email address and password" hasErrors={hasErrors} />
        <ErrorSummary errors={errors.summary} />
        {expiredNotice && (
          <div className="govuk-inset-text" role="alert">
            {expiredNotice} Check your email address and password, then continue to get a new code.
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
            Back
          </a>
        </p>
        <Heading caption="Register for a new account – step 2 of 3" focusKey="account">
          Your email address and password
        </Heading>
        <form noValidate onSubmit={register}>
          <TextField
            id="email"
            label="Work email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            hint="You must use your work email address. The council sends forms to this address, so with any other address you will not see your forms."
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <PasswordField id="password" label="Create a password" hint={PASSWORD_HINT} autoComplete="new-password" value={password} onChange={setPassword} error={errors.fields.password} />
          <PasswordField id="confirm" label="Confirm your password" autoComplete="new-password" value={confirm} onChange={setConfirm} error={errors.fields.confirm} />
          <Button type="submit" disabled={busy}>
            Continue
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

function DetailsStep({ details, set, errors, hasErrors, onSubmit }: { details: Details; set: (key: keyof Details) => (value: string | boolean) => void; errors: FormErrors; hasErrors: boolean; onSubmit: (event: FormEvent) => void }) {
  usePageTitle('Register for a new account', hasErrors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <Heading caption="Register for a new account – step 1 of 3" focusKey="details">
          Your details
        </Heading>
        <p className="govuk-body">
          You only need to register once. Your account gives you every form the council sends you, whichever child it is about.
        </p>
        <p className="govuk-body">
          Already registered? <Link to="/login">Sign in</Link>
        </p>
        <form noValidate onSubmit={onSubmit}>
          <TextField id="firstName" label="First name" autoComplete="given-name" spellCheck={false} value={details.firstName} onChange={set('firstName')} error={errors.fields.firstName} />
          <TextField id="lastName" label="Last name" autoComplete="family-name" spellCheck={false} value={details.lastName} onChange={set('lastName')} error={errors.fields.lastName} />
          <TextField id="jobTitle" label="Job title" optional autoComplete="organization-title" value={details.jobTitle} onChange={set('jobTitle')} error={errors.fields.jobTitle} />
          <TextField id="organisation" label="Organisation" hint="For example, the name of your school, GP practice or service" autoComplete="organization" value={details.organisation} onChange={set('organisation')} error={errors.fields.organisation} />
          <TextField id="phone" label="Phone number" optional type="tel" autoComplete="tel" widthClass="govuk-input--width-20" value={details.phone} onChange={set('phone')} error={errors.fields.phone} />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Address</h2>
            </legend>
            <div className="govuk-hint">You can use the address of your organisation.</div>
            <TextField id="address-line1" label="Address line 1" autoComplete="address-line1" value={details.line1} onChange={set('line1')} error={errors.fields['address-line1']} />
            <TextField id="address-line2" label="Address line 2" optional autoComplete="address-line2" value={details.line2} onChange={set('line2')} error={errors.fields['address-line2']} />
            <TextField id="address-town" label="Town or city" autoComplete="address-level2" widthClass="govuk-!-width-two-thirds" value={details.town} onChange={set('town')} error={errors.fields['address-town']} />
            <TextField id="address-postcode" label="Postcode" autoComplete="postal-code" widthClass="govuk-input--width-10" value={details.postcode} onChange={set('postcode')} error={errors.fields['address-postcode']} />
          </fieldset>
          <h2 className="govuk-heading-m">Professional capacity</h2>
          <SingleCheckbox
            id="professionalCapacity"
            label="I confirm I am using the portal in a professional capacity"
            hint="The Professional Portal is only for professionals, such as staff in schools, health services and other organisations, who work with the council."
            checked={details.professionalCapacity}
            onChange={set('professionalCapacity')}
            error={errors.fields.professionalCapacity}
          />
          <Button type="submit">Continue</Button>
        </form>
      </div>
    </div>
  );
}

function Done() {
  usePageTitle('Your account has been created');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <Heading className="govuk-panel__title" focusKey="done">
            Your account has been created
          </Heading>
          <div className="govuk-panel__body">You can now sign in</div>
        </div>
        <p className="govuk-body">Sign in with your work email address and the password you chose. We will email you a code each time you sign in.</p>
        <Button onClick={() => navigate('/login', { force: true })}>Continue</Button>
      </div>
    </div>
  );
}
