import { useCallback, useEffect, useRef, useState } from 'react';

export type ResourceState<Data> =
  | { status: 'loading' }
  | { status: 'ready'; data: Data }
  | { status: 'failed'; error: unknown };

/**
 * Loads data for a screen, again when `key` changes (showing the loading state) and on
 * `reload` (keeping what is shown until the new answer arrives, so forms built on the data
 * stay as they are). An answer that arrives after a newer load started, or after the
 * screen left, is dropped.
 */
export function useResource<Data>(key: string, load: (signal: AbortSignal) => Promise<Data>) {
  const [state, setState] = useState<ResourceState<Data>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const loadedKey = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` asks for a reload.
  useEffect(() => {
    const controller = new AbortController();
    if (loadedKey.current !== key) {
      setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    }
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        loadedKey.current = key;
        setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed reload keeps what is shown; a failed first load says so.
        setState((previous) =>
          previous.status === 'ready' && loadedKey.current === key ? previous : { status: 'failed', error },
        );
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  /** Replaces the data with what a change answered, without loading again. */
  const replace = useCallback((data: Data) => setState({ status: 'ready', data }), []);
  return { state, reload, replace };
}
