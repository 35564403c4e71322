import { useEffect, useRef, useState, type ReactNode } from 'react';
import { COUNCIL_NAME, SERVICE_NAME } from '../format';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/language';
import { Link, useLocation } from '../router';
import { useSession } from '../session';
import { SupportContactDetails } from '../support/SupportContact';

function UserMenu() {
  const { account, signOut } = useSession();
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onDocument = (event: Event) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
      }
    };
    document.addEventListener('click', onDocument);
    document.addEventListener('focusin', onDocument);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onDocument);
      document.removeEventListener('focusin', onDocument);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (!account) return null;
  const name = `${account.firstName} ${account.lastName}`.trim() || account.email;
  return (
    <div className="app-user-menu" ref={ref}>
      <button
        type="button"
        className="app-user-menu__toggle"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen(!open)}
      >
        <span className="govuk-visually-hidden">{t('layout.accountMenuFor')}</span>
        {name}
        <span className="app-user-menu__chevron" aria-hidden="true" />
      </button>
      <ul id="user-menu" className="app-user-menu__list" hidden={!open}>
        <li>
          <Link to="/my-details" className="govuk-link app-user-menu__link">
            {t('layout.myDetails')}
          </Link>
        </li>
        <li>
          <button type="button" className="app-link-button govuk-link app-user-menu__link" onClick={() => void signOut()}>
            {t('layout.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}

function NavItem({ to, children, active }: { to: string; children: ReactNode; active: boolean }) {
  return (
    <li className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
      <Link to={to} className="govuk-service-navigation__link" aria-current={active ? 'page' : undefined}>
        {active ? <strong className="govuk-service-navigation__active-fallback">{children}</strong> : children}
      </Link>
    </li>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { status, isAdmin } = useSession();
  const { pathname } = useLocation();
  const signedIn = status === 'signed-in';
  const t = useT();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link" onClick={(event) => {
        event.preventDefault();
        const main = document.getElementById('main-content');
        main?.focus();
        main?.scrollIntoView();
      }}>
        {t('layout.skipLink')}
      </a>
      <header className="govuk-header app-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container app-header__container">
          <div className="govuk-header__logo app-header__logo">
            <Link to="/" className="govuk-header__link govuk-header__link--homepage">
              <span className="app-header__council">{COUNCIL_NAME}</span>
            </Link>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <section className="govuk-service-navigation" aria-label={t('layout.serviceInformation')} data-module="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container app-service-navigation">
            <span className="govuk-service-navigation__service-name">
              <Link to="/" className="govuk-service-navigation__link">
                {SERVICE_NAME}
              </Link>
            </span>
            {signedIn && (
              <nav aria-label={t('layout.menu')} className="govuk-service-navigation__wrapper app-service-navigation__nav">
                <ul className="govuk-service-navigation__list app-service-navigation__list" id="navigation">
                  <NavItem to="/" active={pathname === '/' || pathname.startsWith('/tasks')}>
                    {t('layout.yourTasks')}
                  </NavItem>
                  {isAdmin && (
                    <NavItem to="/admin" active={pathname.startsWith('/admin')}>
                      {t('layout.administration')}
                    </NavItem>
                  )}
                </ul>
              </nav>
            )}
            {signedIn && <UserMenu />}
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-heading-s app-footer__heading">{t('footer.getHelp')}</h2>
              <p className="govuk-body-s app-footer__text">{t('footer.helpText', { council: COUNCIL_NAME })}</p>
              <SupportContactDetails className="govuk-list govuk-body-s app-footer__text" />
              <p className="govuk-body-s app-footer__text">
                <Link to="/help" className="govuk-footer__link">
                  {t('footer.whatToInclude')}
                </Link>
              </p>
              <h2 className="govuk-visually-hidden">{t('footer.supportLinks')}</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <Link to="/accessibility" className="govuk-footer__link">
                    {t('footer.accessibility')}
                  </Link>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <Link to="/privacy" className="govuk-footer__link">
                    {t('footer.privacy')}
                  </Link>
                </li>
              </ul>
              <p className="govuk-body-s app-footer__text">
                {SERVICE_NAME} – {COUNCIL_NAME}
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
