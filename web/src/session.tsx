/**
 * Who is signed in, and the idle timeout: a poll of GET /auth/session?touch=false, a warning a few
 * minutes before the server ends an idle session, and a clean exit (draft saved first) when it does.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, isApiError, serverClockSkew, setSessionHooks, type ApiError } from './api';
import { setLanguage, takePendingChoice, useT, type T } from './i18n/language';
import { navigate } from './router';
import type { Account, AccountAndSession, SessionInfo } from './types';

const POLL_MS = 60_000;
const TICK_MS = 5_000;
/** The warning appears this long before the idle timeout. */
export const WARN_BEFORE_MS = 5 * 60_000;
/** Unsaved answers are saved, and the person signed out, this long before the timeout. */
const SAVE_BEFORE_MS = 30_000;

type DraftSaver = () => Promise<void>;
const savers = new Set<DraftSaver>();

/** The open form registers how to save its draft, so a sign-out or timeout never loses work. */
export function registerDraftSaver(saver: DraftSaver): () => void {
  savers.add(saver);
  return () => savers.delete(saver);
}

async function saveDrafts(): Promise<void> {
  for (const saver of [...savers]) {
    try {
      await saver();
    } catch {
      // Nothing more can be done once the session is gone.
    }
  }
}

type Status = 'loading' | 'anonymous' | 'signed-in';

interface SessionContextValue {
  status: Status;
  account: Account | null;
  isAdmin: boolean;
  signedIn: (result: AccountAndSession) => void;
  setAccount: (account: Account) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [account, setAccountState] = useState<Account | null>(null);
  const [warningOpen, setWarningOpen] = useState(false);
  const [remainingMs, setRemainingMs] = useState(0);
  const deadline = useRef(0);
  const timeoutMs = useRef(30 * 60_000);
  const statusRef = useRef<Status>('loading');
  const ending = useRef(false);

  const applySession = useCallback((session: SessionInfo) => {
    timeoutMs.current = (session.idleTimeoutSeconds || 1800) * 1000;
    const expires = Date.parse(session.idleExpiresAt);
    deadline.current = Number.isNaN(expires) ? Date.now() + timeoutMs.current : expires - serverClockSkew();
  }, []);

  const setSignedIn = useCallback(
    (result: AccountAndSession) => {
      ending.current = false;
      statusRef.current = 'signed-in';
      setAccountState(result.account);
      applySession(result.session);
      setStatus('signed-in');
    },
    [applySession],
  );

  const endSession = useCallback((reason: 'expired' | 'signed-out' | 'unauthenticated') => {
    statusRef.current = 'anonymous';
    setStatus('anonymous');
    setAccountState(null);
    setWarningOpen(false);
    const here = currentPath();
    const next = here.startsWith('/login') || here === '/' ? '' : `next=${encodeURIComponent(here)}`;
    if (reason === 'expired') navigate(`/login?expired=1${next ? `&${next}` : ''}`, { force: true, replace: true });
    else if (reason === 'unauthenticated') navigate(`/login${next ? `?${next}` : ''}`, { force: true, replace: true });
    else navigate('/login?signedOut=1', { force: true });
  }, []);

  /** Saves what it can, ends the session on the server, and goes to sign in. */
  const expire = useCallback(async () => {
    if (ending.current || statusRef.current !== 'signed-in') return;
    ending.current = true;
    await saveDrafts();
    try {
      await api.post('/auth/logout', undefined, { quiet401: true });
    } catch {
      // Already gone.
    }
    endSession('expired');
  }, [endSession]);

  useEffect(() => {
    setSessionHooks({
      unauthorized: (error: ApiError) => {
        if (statusRef.current !== 'signed-in' || ending.current) return;
        ending.current = true;
        endSession(error.code === 'session_expired' ? 'expired' : 'unauthenticated');
      },
      activity: () => {
        if (statusRef.current === 'signed-in') deadline.current = Date.now() + timeoutMs.current;
      },
    });
    api
      .get<AccountAndSession>('/auth/session', { query: { touch: false }, quiet401: true })
      .then(setSignedIn)
      .catch((error: unknown) => {
        // Coming back to a session that timed out: say so on the sign-in page.
        const here = currentPath();
        if (isApiError(error, 'session_expired') && !here.startsWith('/login') && !here.startsWith('/register') && !here.startsWith('/forgotten-password')) {
          navigate(`/login?expired=1${here === '/' ? '' : `&next=${encodeURIComponent(here)}`}`, { force: true, replace: true });
        }
        statusRef.current = 'anonymous';
        setStatus('anonymous');
      });
  }, [endSession, setSignedIn]);

  const poll = useCallback(async () => {
    if (statusRef.current !== 'signed-in' || ending.current) return;
    try {
      const result = await api.get<AccountAndSession>('/auth/session', { query: { touch: false } });
      applySession(result.session);
      setAccountState(result.account);
    } catch {
      // A 401 is handled by the unauthorized hook; a network blip is retried at the next poll.
    }
  }, [applySession]);

  // The clock: warn, then save and sign out.
  useEffect(() => {
    if (status !== 'signed-in') return;
    const check = () => {
      const remaining = deadline.current - Date.now();
      setRemainingMs(remaining);
      if (remaining <= SAVE_BEFORE_MS) {
        void expire();
      } else if (remaining <= WARN_BEFORE_MS) {
        setWarningOpen(true);
      } else {
        setWarningOpen(false);
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        check();
        void poll();
      }
    };
    check();
    const tick = window.setInterval(check, TICK_MS);
    const polling = window.setInterval(() => void poll(), POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(tick);
      window.clearInterval(polling);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [status, expire, poll]);

  const staySignedIn = useCallback(async () => {
    try {
      const result = await api.get<AccountAndSession>('/auth/session');
      applySession(result.session);
      setWarningOpen(false);
    } catch {
      // 401: the unauthorized hook takes over.
    }
  }, [applySession]);

  const signOut = useCallback(async () => {
    ending.current = true;
    await saveDrafts();
    try {
      await api.post('/auth/logout', undefined, { quiet401: true });
    } catch {
      // Signed out either way.
    }
    endSession('signed-out');
  }, [endSession]);

  const setAccount = useCallback((next: Account) => setAccountState(next), []);
  // The account's language wins over this browser's last choice (the same on every device), unless
  // the person has just chosen one on the sign-in pages: that choice is then saved on the account.
  const accountLanguage = account?.preferredLanguage;
  useEffect(() => {
    if (!accountLanguage) return;
    const chosen = takePendingChoice();
    if (chosen && chosen !== accountLanguage) {
      void api
        .patch<Account>('/me', { preferredLanguage: chosen })
        .then((updated) => setAccountState(updated))
        .catch(() => undefined);
      return;
    }
    setLanguage(accountLanguage);
  }, [accountLanguage]);

  const value = useMemo<SessionContextValue>(
    () => ({
      status,
      account,
      isAdmin: !!account?.roles.includes('admin'),
      signedIn: setSignedIn,
      setAccount,
      signOut,
    }),
    [status, account, setSignedIn, setAccount, signOut],
  );

  return (
    <SessionContext.Provider value={value}>
      {children}
      {status === 'signed-in' && warningOpen && (
        <TimeoutWarning remainingMs={remainingMs} onStay={staySignedIn} onSignOut={() => void signOut()} />
      )}
    </SessionContext.Provider>
  );
}

function minutesText(ms: number, t: T): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return t('timeout.underTwo');
  const minutes = Math.ceil(seconds / 60);
  return t('timeout.minutes', { n: minutes });
}

function TimeoutWarning({ remainingMs, onStay, onSignOut }: { remainingMs: number; onStay: () => void; onSignOut: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  const [announced] = useState(() => minutesText(remainingMs, t));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="app-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="timeout-title"
      aria-describedby="timeout-text"
      onCancel={(event) => {
        // Escape means "stay", as closing the warning does in GOV.UK's timeout pattern.
        event.preventDefault();
        onStay();
      }}
    >
      <h2 className="govuk-heading-m" id="timeout-title">
        {t('timeout.title')}
      </h2>
      <p className="govuk-body" id="timeout-text">
        <span aria-hidden="true">
          {t('timeout.before')}
          <strong>{minutesText(remainingMs, t)}</strong>
          {t('timeout.after')}
        </span>
        <span className="govuk-visually-hidden">
          {t('timeout.before')}
          {announced}
          {t('timeout.after')}
        </span>{' '}
        {t('timeout.save')}
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={onStay} autoFocus>
          {t('timeout.stay')}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onSignOut}>
          {t('layout.signOut')}
        </button>
      </div>
    </dialog>
  );
}
