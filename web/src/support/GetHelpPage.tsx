import { Heading, usePageTitle } from '../components/Page';
import { COUNCIL_NAME } from '../format';
import { useT } from '../i18n/language';
import { SUPPORT, telHref } from './config';

/** The guide's "How to get support", with this deployment's helpdesk. Open to everyone, signed in or not. */
export function GetHelpPage() {
  const t = useT();
  usePageTitle(t('help.title'));
  const email = (
    <a className="govuk-link app-break-word" href={`mailto:${SUPPORT.email}`}>
      {SUPPORT.email}
    </a>
  );
  // "{email}" sits inside a sentence: split the message around it to put the link in its place.
  const [beforeEmail, afterEmail = ''] = t('help.changesIntro').split('{email}');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading>{t('help.title')}</Heading>
        <h2 className="govuk-heading-m">{t('help.practiceHeading')}</h2>
        <p className="govuk-body">{t('help.practiceText')}</p>

        <h2 className="govuk-heading-m">{t('help.technicalHeading')}</h2>
        <p className="govuk-body">{t('help.technicalText', { council: COUNCIL_NAME })}</p>
        <div className="govuk-inset-text">
          <ul className="govuk-list">
            <li>
              {t('help.email')}
              {email}
            </li>
            {SUPPORT.phone && (
              <li>
                {t('help.telephone')}
                <a className="govuk-link" href={telHref(SUPPORT.phone)}>
                  {SUPPORT.phone}
                </a>
              </li>
            )}
            {SUPPORT.hours && <li>{SUPPORT.hours}</li>}
          </ul>
        </div>
        <p className="govuk-body">{t('help.include')}</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>{t('help.include.name')}</li>
          <li>{t('help.include.contact')}</li>
          <li>{t('help.include.organisation')}</li>
          <li>{t('help.include.description')}</li>
          <li>{t('help.include.screenshots')}</li>
        </ul>

        <h2 className="govuk-heading-m">{t('help.changesHeading')}</h2>
        <p className="govuk-body">
          {beforeEmail}
          {email}
          {afterEmail}
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>{t('help.changes.email')}</li>
          <li>{t('help.changes.moved')}</li>
          <li>{t('help.changes.role')}</li>
          <li>{t('help.changes.newGroup')}</li>
          <li>{t('help.changes.leaving')}</li>
          <li>{t('help.changes.remove')}</li>
        </ul>
      </div>
    </div>
  );
}
