import { Heading, usePageTitle } from '../../components/Page';
import { Link } from '../../router';

export function AdminBreadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        <li className="govuk-breadcrumbs__list-item">
          <Link to="/admin" className="govuk-breadcrumbs__link">
            Administration
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
  usePageTitle('Administration');
  const sections = [
    { to: '/admin/work-groups', title: 'Work Groups', text: 'Create, change and delete work groups, and add or remove their members.' },
    { to: '/admin/accounts', title: 'Accounts', text: 'Find an account by email address, change its email address or organisation, or disable it.' },
    { to: '/admin/tasks', title: 'Tasks', text: 'See every task and who holds it, and re-assign open tasks.' },
    { to: '/admin/deliveries', title: 'Deliveries', text: 'Check that submitted forms reached the case management system, and retry failed deliveries.' },
  ];
  return (
    <>
      <Heading>Administration</Heading>
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
