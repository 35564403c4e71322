import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../api';
import { ErrorSummary } from './ErrorSummary';
import { Button, LinkButton, TextField } from './fields';
import { Heading, usePageTitle } from './Page';
import { fieldErrors, problemErrors, useErrors } from './errors';

const CODE_FIELD = 'code';

/**
 * "Enter the code we sent": 8 digits, a way to ask for a new code, and the errors the server gives
 * (wrong code, expired, too soon). Shared by sign in, registration and password reset.
 */
export function CodeStep({
  email,
  caption,
  submitLabel = 'Continue',
  onSubmit,
  onResend,
  onExpired,
  children,
}: {
  email: string;
  caption?: string;
  submitLabel?: string;
  onSubmit: (code: string) => Promise<void>;
  onResend: () => Promise<void>;
  /** The code is dead (410): start again. */
  onExpired: (message: string) => void;
  children?: ReactNode;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);
  const { errors, setErrors, clear, hasErrors } = useErrors();
  usePageTitle('Enter the code we sent', hasErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/[\s-]/g, '');
    if (!digits) return setErrors(fieldErrors([[CODE_FIELD, 'Enter the code we sent to your email address']]));
    if (!/^\d{8}$/.test(digits)) return setErrors(fieldErrors([[CODE_FIELD, 'The code must be 8 numbers, like 12345678']]));
    setBusy(true);
    try {
      await onSubmit(digits);
    } catch (error) {
      if (isApiError(error) && error.status === 410) {
        onExpired(error.detail ?? 'The code has expired. Start again to get a new code.');
      } else {
        setErrors(problemErrors(error, (key) => (key === 'invalid_code' || key === 'code' ? CODE_FIELD : undefined)));
      }
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setResent(false);
    clear();
    try {
      await onResend();
      setResent(true);
      setCode('');
    } catch (error) {
      if (isApiError(error) && error.status === 410) onExpired(error.detail ?? 'The code has expired. Start again.');
      else setErrors(problemErrors(error));
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {resent && (
          <div className="govuk-inset-text" role="status">
            We have sent a new code to {email}. Codes sent before it no longer work.
          </div>
        )}
        <Heading caption={caption} focusKey="code">
          Enter the code we sent
        </Heading>
        {children}
        <p className="govuk-body">
          We have sent an 8-digit code to <strong className="app-break-word">{email}</strong>. The code works for 10 minutes.
        </p>
        <p className="govuk-body">If the email has not arrived, check your Junk or Spam folder.</p>
        <form noValidate onSubmit={submit}>
          <TextField
            id={CODE_FIELD}
            label="Code"
            labelClass="govuk-label--s"
            hint="The code is 8 numbers, like 12345678"
            value={code}
            onChange={setCode}
            error={errors.fields[CODE_FIELD]}
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            widthClass="govuk-input--width-10 app-code-input"
          />
          <div className="govuk-button-group">
            <Button type="submit" disabled={busy}>
              {submitLabel}
            </Button>
          </div>
        </form>
        <p className="govuk-body">
          <LinkButton onClick={() => void resend()}>Send a new code</LinkButton>
        </p>
      </div>
    </div>
  );
}
