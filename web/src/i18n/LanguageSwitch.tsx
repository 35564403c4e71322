import { api } from '../api';
import { useSession } from '../session';
import { setLanguage, useLanguage, useT, type Language } from './language';

const NAMES: Record<Language, { label: string; tag: string }> = {
  en: { label: 'English', tag: 'en' },
  cy: { label: 'Cymraeg', tag: 'cy' },
};

/**
 * "English | Cymraeg" in the header of every page (the GOV.UK language switcher pattern): the
 * current language is plain text, the other a button marked with its own language. Signed in, the
 * choice is saved on the account so emails and PDFs follow it.
 */
export function LanguageSwitch() {
  const language = useLanguage();
  const t = useT();
  const { status, account, setAccount } = useSession();
  const choose = (next: Language) => {
    const signedIn = status === 'signed-in' && account !== null;
    setLanguage(next, !signedIn);
    if (signedIn && account.preferredLanguage !== next) {
      void api
        .patch<typeof account>('/me', { preferredLanguage: next })
        .then((updated) => setAccount(updated))
        .catch(() => undefined);
    }
  };
  return (
    <nav className="app-language-switch" aria-label={t('language.switchLabel')}>
      <ul className="app-language-switch__list">
        {(['en', 'cy'] as const).map((option) => (
          <li key={option} className="app-language-switch__item">
            {option === language ? (
              <span aria-current="true" lang={NAMES[option].tag} className="app-language-switch__current">
                {NAMES[option].label}
              </span>
            ) : (
              <button
                type="button"
                lang={NAMES[option].tag}
                className="app-link-button govuk-link app-language-switch__link"
                onClick={() => choose(option)}
              >
                {NAMES[option].label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
