import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CodeStep } from '../components/CodeStep';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../components/errors';
import { Button, PasswordField, TextField } from '../components/fields';
import { Heading, ImportantBanner, SuccessBanner, takeFlash, usePageTitle } from '../components/Page';
import { Link, navigate, safeNext, useQuery } from '../router';
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

  usePageTitle('Sign in', hasErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const trimmed = email.trim();
    const invalid = fieldErrors([
      ['email', !trimmed ? 'Enter your email address' : !/^[^\s@]+@[^\s@]+$/.test(trimmed) && 'Enter an email address in the correct format, like name@example.com'],
      ['password', !password && 'Enter your password'],
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
        caption="Sign in"
        submitLabel="Sign in"
        onSubmit={async (code) => {
          const result = await api.post<AccountAndSession>('/auth/login/verify', { challengeId: challenge.challengeId, code });
          signedIn(result);
          navigate(next, { replace: true, force: true });
        }}
        onResend={() => api.post('/auth/login/resend', { challengeId: challenge.challengeId })}
        onExpired={(message) => {
          setChallenge(null);
          setPassword('');
          setNotice(`${message} Enter your email address and password again.`);
        }}
      />
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        {!hasErrors && expired && (
          <ImportantBanner heading="You have been signed out" role="alert">
            <p className="govuk-body">
              For your security, we signed you out because you had not done anything for 30 minutes. We saved any answers we
              could. Sign in again to carry on.
            </p>
          </ImportantBanner>
        )}
        {!hasErrors && signedOut && !flash && <SuccessBanner heading="You have signed out" />}
        {!hasErrors && flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
        {notice && (
          <div className="govuk-inset-text" role="alert">
            {notice}
          </div>
        )}
        <Heading>Sign in to the Professional Portal</Heading>
        <p className="govuk-body">
          Use the Professional Portal to complete and submit forms about the children and young people you work with.
        </p>
        <form noValidate onSubmit={submit}>
          <TextField
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <PasswordField id="password" label="Password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.fields.password} />
          <p className="govuk-body">We will email you a code to finish signing in.</p>
          <Button type="submit" disabled={busy}>
            Continue
          </Button>
        </form>
        <p className="govuk-body">
          <Link to="/forgotten-password">Forgotten password?</Link>
        </p>
        <h2 className="govuk-heading-m">New to the Professional Portal?</h2>
        <p className="govuk-body">You need to register once. Use your work email address.</p>
        <p className="govuk-body">
          <Link to="/register">Register for a new account</Link>
        </p>
      </div>
    </div>
  );
}
