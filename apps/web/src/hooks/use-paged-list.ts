import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types';

export interface PagedList<Item> {
  items: Item[];
  /** `loading`: the first page; `more`: a further page. */
  status: 'loading' | 'ready' | 'more' | 'failed';
  error: unknown;
  hasMore: boolean;
}

/**
 * A list read page by page over the cursor API, newest first. A new `key` (other filters)
 * starts again from the first page; `loadMore` asks for the next one, once at a time.
 */
export function usePagedList<Item>(
  key: string,
  loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<Item>>,
) {
  const [list, setList] = useState<PagedList<Item>>({
    items: [],
    status: 'loading',
    error: null,
    hasMore: false,
  });
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const cursor = useRef<string | null>(null);
  const busy = useRef(false);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(async (first: boolean) => {
    const signal = controller.current?.signal;
    if (signal === undefined || busy.current) return;
    busy.current = true;
    setList((current) => ({ ...current, status: first ? 'loading' : 'more', error: null }));
    try {
      const page = await loadRef.current(first ? undefined : (cursor.current ?? undefined), signal);
      if (signal.aborted) return;
      cursor.current = page.next_cursor;
      setList((current) => ({
        items: first ? page.data : [...current.items, ...page.data],
        status: 'ready',
        error: null,
        hasMore: page.next_cursor !== null,
      }));
    } catch (error) {
      if (!signal.aborted) setList((current) => ({ ...current, status: 'failed', error }));
    } finally {
      if (!signal.aborted) busy.current = false;
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `key` starts the list again.
  useEffect(() => {
    controller.current = new AbortController();
    busy.current = false;
    cursor.current = null;
    setList({ items: [], status: 'loading', error: null, hasMore: false });
    void fetchPage(true);
    return () => controller.current?.abort();
  }, [key, fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor.current !== null) void fetchPage(false);
    else if (list.items.length === 0) void fetchPage(true);
  }, [fetchPage, list.items.length]);

  return { list, loadMore };
}
