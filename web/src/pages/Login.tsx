import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../components/errors';
import { Button, PasswordField, TextField } from '../components/fields';
import { Heading, ImportantBanner, SuccessBanner, takeFlash, usePageTitle } from '../components/Page';
import { Link, navigate, safeNext, useQuery } from '../router';
import { useT } from '../i18n/language';
import { useSession } from '../session';
import type { AccountAndSession } from '../types';

interface Challenge {
  challengeId: string;
  email: string;
}

export function LoginPage() {
  const query = useQuery();
  const { signedIn } = useSession();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [flash] = useState(takeFlash);
  const { errors, setErrors, hasErrors } = useErrors();
  const expired = query.get('expired') === '1';
  const signedOut = query.get('signedOut') === '1';
  const next = safeNext(query.get('next'));
  const t = useT();

  usePageTitle(t('login.title'), hasErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? t('login.enterEmail') : !/^[^\s@]+@[^\s@]+$/.test(trimmed) && t('login.emailFormat')],
      ['password', !password && t('login.enterPassword')],
    ]);
    if (invalid.summary.length) return setErrors(invalid);
    setBusy(true);
    try {
      const result = await api.post<{ challengeId: string }>('/auth/login', { email: trimmed, password });
      setErrors({ fields: {}, summary: [] });
      setChallenge({ challengeId: result.challengeId, email: trimmed });
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'invalid_credentials' ? 'email' : key === 'email' ? 'email' : key === 'password' ? 'password' : undefined)));
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <CodeStep
        email={challenge.email}
        caption={t('login.title')}
        submitLabel={t('code.signIn')}
        onSubmit={async (code) => {
          const result = await api.post<AccountAndSession>('/auth/login/verify', { challengeId: challenge.challengeId, code });
          signedIn(result);
          navigate(next, { replace: true, force: true });
        }}
        onResend={() => api.post('/auth/login/resend', { challengeId: challenge.challengeId })}
        onExpired={(message) => {
          setChallenge(null);
          setPassword('');
          setNotice(t('login.startAgain', { message }));
        }}
      />
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {!hasErrors && expired && (
          <ImportantBanner heading={t('login.expiredHeading')} role="alert">
            <p className="govuk-body">{t('login.expiredText')}</p>
          </ImportantBanner>
        )}
        {!hasErrors && signedOut && !flash && <SuccessBanner heading={t('login.signedOut')} />}
        {!hasErrors && flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
        {notice && (
          <div className="govuk-inset-text" role="alert">
            {notice}
          </div>
        )}
        <Heading>{t('login.heading')}</Heading>
        <p className="govuk-body">{t('login.intro')}</p>
        <form noValidate onSubmit={submit}>
          <TextField
            id="email"
            label={t('login.email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <PasswordField id="password" label={t('login.password')} autoComplete="current-password" value={password} onChange={setPassword} error={errors.fields.password} />
          <p className="govuk-body">{t('login.codeNote')}</p>
          <Button type="submit" disabled={busy}>
            {t('login.continue')}
          </Button>
        </form>
        <p className="govuk-body">
          <Link to="/forgotten-password">{t('login.forgotten')}</Link>
        </p>
        <h2 className="govuk-heading-m">{t('login.newHeading')}</h2>
        <p className="govuk-body">{t('login.newText')}</p>
        <p className="govuk-body">
          <Link to="/register">{t('login.register')}</Link>
        </p>
      </div>
    </div>
  );
}
