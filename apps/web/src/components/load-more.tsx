import { useEffect, useRef } from 'react';
import type { PagedList } from '../hooks/use-paged-list';
import { useTranslation } from '../i18n';
import { ErrorNotice, Loading } from './status';

/**
 * The end of a paged list: scrolling near it loads the next page (IntersectionObserver),
 * and a "Load more" button does the same for keyboard users and browsers without it.
 * `loadingLabel` and `loadLabel` name what the list holds ("Loading more movements…",
 * "Load more movements").
 */
export function LoadMore({
  list,
  onLoadMore,
  loadingLabel,
  loadLabel,
}: {
  list: PagedList<unknown>;
  onLoadMore(): void;
  loadingLabel: string;
  loadLabel: string;
}) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;
  const canLoad = list.hasMore && list.status === 'ready';

  useEffect(() => {
    const element = sentinel.current;
    if (!canLoad || element === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore.current();
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [canLoad]);

  return (
    <div className="load-more" ref={sentinel}>
      {list.status === 'more' ? <Loading label={loadingLabel} /> : null}
      {list.status === 'failed' && list.items.length > 0 ? (
        <ErrorNotice error={list.error} onRetry={onLoadMore} />
      ) : null}
      {canLoad ? (
        <button type="button" className="button button-secondary" onClick={onLoadMore}>
          {loadLabel}
        </button>
      ) : null}
      {list.status === 'ready' && !list.hasMore && list.items.length > 0 ? (
        <p className="hint">{t('thatIsAll')}</p>
      ) : null}
    </div>
  );
}
