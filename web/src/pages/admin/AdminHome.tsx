import { Heading, usePageTitle } from '../../components/Page';
import { useT } from '../../i18n/language';
import { Link } from '../../router';

export function AdminBreadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const t = useT();
  return (
    <nav className="govuk-breadcrumbs" aria-label={t('admin.breadcrumb')}>
      <ol className="govuk-breadcrumbs__list">
        <li className="govuk-breadcrumbs__list-item">
          <Link to="/admin" className="govuk-breadcrumbs__link">
            {t('layout.administration')}
          </Link>
        </li>
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.label} aria-current={item.to ? undefined : 'page'}>
            {item.to ? (
              <Link to={item.to} className="govuk-breadcrumbs__link">
                {item.label}
              </Link>
            ) : (
              item.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function AdminHomePage() {
  const t = useT();
  usePageTitle(t('layout.administration'));
  const sections = [
    { to: '/admin/work-groups', title: t('admin.workGroups'), text: t('admin.workGroupsText') },
    { to: '/admin/accounts', title: t('admin.accounts'), text: t('admin.accountsText') },
    { to: '/admin/tasks', title: t('admin.tasks'), text: t('admin.tasksText') },
    { to: '/admin/deliveries', title: t('admin.deliveries'), text: t('admin.deliveriesText') },
  ];
  return (
    <>
      <Heading>{t('layout.administration')}</Heading>
      <ul className="govuk-list app-admin-menu">
        {sections.map((section) => (
          <li key={section.to}>
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link to={section.to}>{section.title}</Link>
            </h2>
            <p className="govuk-body">{section.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
