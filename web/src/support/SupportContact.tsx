import { useT } from '../i18n/language';
import { SUPPORT, telHref } from './config';

/** The helpdesk's email, phone and hours as a short list (footer and the Get help page). */
export function SupportContactDetails({ className = 'govuk-list' }: { className?: string }) {
  const t = useT();
  return (
    <ul className={className}>
      <li>
        {t('help.email')}
        <a className="govuk-link govuk-footer__link app-break-word" href={`mailto:${SUPPORT.email}`}>
          {SUPPORT.email}
        </a>
      </li>
      {SUPPORT.phone && (
        <li>
          {t('help.telephone')}
          <a className="govuk-link govuk-footer__link" href={telHref(SUPPORT.phone)}>
            {SUPPORT.phone}
          </a>
        </li>
      )}
      {SUPPORT.hours && <li>{SUPPORT.hours}</li>}
    </ul>
  );
}
