import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/language';
import type { Page } from '../types';

/** A cursor-paged list: `Next page` follows nextCursor, `Previous page` goes back through the cursors seen. */
export function usePagedList<T>(path: string, query: Record<string, string | undefined>, enabled = true) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [data, setData] = useState<Page<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const queryKey = JSON.stringify(query);
  const lastKey = useRef(queryKey);

  if (lastKey.current !== queryKey) {
    lastKey.current = queryKey;
    // A new sort or filter starts again from the first page.
    if (cursors.length !== 1) setCursors([null]);
  }
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Page<T>>(path, { query: { ...JSON.parse(queryKey), cursor: cursor ?? undefined }, signal: controller.signal })
      .then((result) => {
        setData({ items: result.items ?? [], nextCursor: result.nextCursor ?? null });
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, cursor, enabled, reloadCount]);

  const next = useCallback(() => {
    if (data?.nextCursor) setCursors((list) => [...list, data.nextCursor]);
  }, [data]);
  const previous = useCallback(() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)), []);
  const reload = useCallback(() => setReloadCount((n) => n + 1), []);

  return {
    items: data?.items ?? null,
    error,
    loading,
    hasNext: !!data?.nextCursor,
    hasPrevious: cursors.length > 1,
    pageNumber: cursors.length,
    next,
    previous,
    reload,
  };
}

export function Pager({ hasNext, hasPrevious, onNext, onPrevious, label }: { hasNext: boolean; hasPrevious: boolean; onNext: () => void; onPrevious: () => void; label: string }) {
  const t = useT();
  if (!hasNext && !hasPrevious) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={t('pager.pages', { label })}>
      {hasPrevious && (
        <div className="govuk-pagination__prev">
          <button type="button" className="govuk-link govuk-pagination__link app-link-button" onClick={onPrevious}>
            <span className="govuk-pagination__link-title">{t('pager.previous')}</span>
          </button>
        </div>
      )}
      {hasNext && (
        <div className="govuk-pagination__next">
          <button type="button" className="govuk-link govuk-pagination__link app-link-button" onClick={onNext}>
            <span className="govuk-pagination__link-title">{t('pager.next')}</span>
          </button>
        </div>
      )}
    </nav>
  );
}
