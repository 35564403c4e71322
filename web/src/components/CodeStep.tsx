import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../api';
import { ErrorSummary } from './ErrorSummary';
import { Button, TextField } from './fields';
import { ResendCode } from './ResendCode';
import { Heading, usePageTitle } from './Page';
import { fieldErrors, problemErrors, useErrors } from './errors';
import { useT } from '../i18n/language';

const CODE_FIELD = 'code';

/**
 * "Enter the code we sent": 8 digits, a way to ask for a new code, and the errors the server gives
 * (wrong code, expired, too soon). Shared by sign in, registration and password reset.
 */
export function CodeStep({
  email,
  caption,
  submitLabel,
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
  const t = useT();
  usePageTitle(t('code.title'), hasErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/[\s-]/g, '');
    if (!digits) return setErrors(fieldErrors([[CODE_FIELD, t('code.enter')]]));
    if (!/^\d{8}$/.test(digits)) return setErrors(fieldErrors([[CODE_FIELD, t('code.format')]]));
    setBusy(true);
    try {
      await onSubmit(digits);
    } catch (error) {
      if (isApiError(error) && error.status === 410) {
        onExpired(error.detail ?? t('code.expired'));
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
    await onResend();
    setResent(true);
    setCode('');
  };
  const resendFailed = (error: unknown) => {
    if (isApiError(error) && error.status === 410) onExpired(error.detail ?? t('code.expiredShort'));
    else setErrors(problemErrors(error));
  };

  // The email in bold inside the sentence, wherever the language puts it.
  const sentTo = t('code.sentTo', { email: '\u0000' }).split('\u0000');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {resent && (
          <div className="govuk-inset-text" role="status">
            {t('code.resent', { email })}
          </div>
        )}
        <Heading caption={caption} focusKey="code">
          {t('code.title')}
        </Heading>
        {children}
        <p className="govuk-body">
          {sentTo[0]}
          <strong className="app-break-word">{email}</strong>
          {sentTo[1]}
        </p>
        <p className="govuk-body">{t('code.junk')}</p>
        <form noValidate onSubmit={submit}>
          <TextField
            id={CODE_FIELD}
            label={t('code.label')}
            labelClass="govuk-label--s"
            hint={t('code.hint')}
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
              {submitLabel ?? t('code.continue')}
            </Button>
          </div>
        </form>
        <ResendCode onResend={resend} onError={resendFailed} />
      </div>
    </div>
  );
}
