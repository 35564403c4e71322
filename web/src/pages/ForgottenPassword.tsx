import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../components/errors';
import { Button, PasswordField, TextField } from '../components/fields';
import { Heading, setFlash, usePageTitle } from '../components/Page';
import { useT } from '../i18n/language';
import { Link, navigate } from '../router';

type Step = 'email' | 'code' | 'password';

export function ForgottenPasswordPage() {
  const t = useT();
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [resetId, setResetId] = useState('');
  const [resetToken, setResetToken] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, clear, hasErrors } = useErrors();

  usePageTitle(step === 'password' ? t('reset.newTitle') : t('reset.title'), hasErrors);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? t('login.enterEmail') : !/^[^\s@]+@[^\s@]+$/.test(trimmed) && t('login.emailFormat')],
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
      ['password', !password ? t('reset.enterNew') : password.length < 12 && t('register.err.passwordShort')],
      ['confirm', password && !confirm ? t('reset.enterNewAgain') : confirm !== password && t('register.err.mismatch')],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      await api.post(`/password-resets/${encodeURIComponent(resetId)}/complete`, { resetToken, newPassword: password });
      setFlash(t('reset.signInWithNew'), t('reset.changed'));
      navigate('/login', { force: true });
    } catch (error) {
      const err = problemErrors(error, (key) => (key === 'weak_password' || key === 'newPassword' ? 'password' : undefined));
      if ((error as { status?: number }).status === 410 || (error as { code?: string }).code === 'invalid_token') {
        restart(t('reset.runOut'));
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
        caption={t('reset.title')}
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
        <p className="govuk-body">{t('reset.ifAccount')}</p>
      </CodeStep>
    );
  }

  if (step === 'password') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <Heading caption={t('reset.title')} focusKey="password">
            {t('reset.newTitle')}
          </Heading>
          <p className="govuk-body">{t('reset.signsOut')}</p>
          <form noValidate onSubmit={complete}>
            <PasswordField id="password" label={t('reset.newPassword')} hint={t('register.passwordHint')} autoComplete="new-password" value={password} onChange={setPassword} error={errors.fields.password} />
            <PasswordField id="confirm" label={t('reset.confirmNew')} autoComplete="new-password" value={confirm} onChange={setConfirm} error={errors.fields.confirm} />
            <Button type="submit" disabled={busy}>
              {t('reset.change')}
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
        <Heading focusKey="email">{t('reset.title')}</Heading>
        <p className="govuk-body">{t('reset.intro')}</p>
        <form noValidate onSubmit={start}>
          <TextField id="email" label={t('login.email')} type="email" autoComplete="email" spellCheck={false} value={email} onChange={setEmail} error={errors.fields.email} />
          <Button type="submit" disabled={busy}>
            {t('login.continue')}
          </Button>
        </form>
        <p className="govuk-body">
          <Link to="/login">{t('reset.backToSignIn')}</Link>
        </p>
      </div>
    </div>
  );
}
