import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../components/errors';
import { Button, PasswordField, TextField } from '../components/fields';
import { Heading, setFlash, usePageTitle } from '../components/Page';
import { Link, navigate } from '../router';
import { PASSWORD_HINT } from './Register';

type Step = 'email' | 'code' | 'password';

export function ForgottenPasswordPage() {
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [resetId, setResetId] = useState('');
  const [resetToken, setResetToken] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, clear, hasErrors } = useErrors();

  usePageTitle(step === 'password' ? 'Create a new password' : 'Forgotten password', hasErrors);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? 'Enter your email address' : !/^[^\s@]+@[^\s@]+$/.test(trimmed) && 'Enter an email address in the correct format, like name@example.com'],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      const result = await api.post<{ resetId: string }>('/password-resets', { email: trimmed });
      setResetId(result.resetId);
      clear();
      setNotice(null);
      setStep('code');
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'email' || key === 'invalid_email' ? 'email' : undefined)));
    } finally {
      setBusy(false);
    }
  };

  const restart = (message: string) => {
    setStep('email');
    setResetToken('');
    setNotice(`${message}`);
  };

  const complete = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors([
      ['password', !password ? 'Enter a new password' : password.length < 12 && 'Your password must be 12 characters or more'],
      ['confirm', password && !confirm ? 'Enter your new password again' : confirm !== password && 'The passwords do not match. Enter the same password twice'],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      await api.post(`/password-resets/${encodeURIComponent(resetId)}/complete`, { resetToken, newPassword: password });
      setFlash('Sign in with your new password.', 'Your password has been changed');
      navigate('/login', { force: true });
    } catch (error) {
      const err = problemErrors(error, (key) => (key === 'weak_password' || key === 'newPassword' ? 'password' : undefined));
      if ((error as { status?: number }).status === 410 || (error as { code?: string }).code === 'invalid_token') {
        restart('The time to set a new password has run out. Enter your email address to get a new code.');
      } else {
        setErrors(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (step === 'code') {
    return (
      <CodeStep
        email={email.trim()}
        caption="Forgotten password"
        onSubmit={async (code) => {
          const result = await api.post<{ resetToken: string }>(`/password-resets/${encodeURIComponent(resetId)}/verify`, { code });
          setResetToken(result.resetToken);
          clear();
          setStep('password');
        }}
        onResend={async () => {
          // A reset has no resend route: asking again sends a fresh code.
          const result = await api.post<{ resetId: string }>('/password-resets', { email: email.trim() });
          setResetId(result.resetId);
        }}
        onExpired={restart}
      >
        <p className="govuk-body">If an account uses this email address, we have sent it a code.</p>
      </CodeStep>
    );
  }

  if (step === 'password') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <Heading caption="Forgotten password" focusKey="password">
            Create a new password
          </Heading>
          <p className="govuk-body">Changing your password signs you out everywhere you are signed in.</p>
          <form noValidate onSubmit={complete}>
            <PasswordField id="password" label="New password" hint={PASSWORD_HINT} autoComplete="new-password" value={password} onChange={setPassword} error={errors.fields.password} />
            <PasswordField id="confirm" label="Confirm your new password" autoComplete="new-password" value={confirm} onChange={setConfirm} error={errors.fields.confirm} />
            <Button type="submit" disabled={busy}>
              Change password
            </Button>
          </form>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {notice && (
          <div className="govuk-inset-text" role="alert">
            {notice}
          </div>
        )}
        <Heading focusKey="email">Forgotten password</Heading>
        <p className="govuk-body">Enter the email address you use for the Professional Portal. We will email you a code so you can choose a new password.</p>
        <form noValidate onSubmit={start}>
          <TextField id="email" label="Email address" type="email" autoComplete="email" spellCheck={false} value={email} onChange={setEmail} error={errors.fields.email} />
          <Button type="submit" disabled={busy}>
            Continue
          </Button>
        </form>
        <p className="govuk-body">
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
