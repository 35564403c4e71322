import { useEffect, useState } from 'react';
import { api } from '../api';
import { Heading, usePageTitle } from '../components/Page';
import { useLanguage, useT } from '../i18n/language';

interface PublicPageContent {
  slug: string;
  language: string;
  title: string;
  html: string;
  reviewed: string | null;
}

/**
 * The accessibility statement or the privacy notice, in the current language, as the council wrote
 * it (GET /pages/{slug}: Markdown rendered by the server, markup in the file escaped there).
 */
export function PublicPage({ slug }: { slug: 'accessibility-statement' | 'privacy-notice' }) {
  const language = useLanguage();
  const t = useT();
  const [page, setPage] = useState<PublicPageContent | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    api
      .get<PublicPageContent>(`/pages/${slug}`, { query: { lang: language } })
      .then((content) => live && setPage(content))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [slug, language]);
  usePageTitle(page?.title ?? t('publicPage.loading'));
  if (failed) return <p className="govuk-body">{t('publicPage.unavailable')}</p>;
  if (!page) return <p className="govuk-body">{t('publicPage.loading')}</p>;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading focusKey={page.slug + page.language}>{page.title}</Heading>
        {/* The server's own rendering of the council's file (escaped there): headings, paragraphs, lists, links. */}
        <div className="app-public-page govuk-body" dangerouslySetInnerHTML={{ __html: page.html }} />
      </div>
    </div>
  );
}
