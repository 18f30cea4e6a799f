import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import type { ResourceState } from '../hooks/use-resource';
import { useTranslation } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  );
}

/** A failure in plain words, announced, with a way to try again when there is one. */
export function ErrorNotice({
  error,
  onRetry,
  overrides,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  overrides?: Record<string, string>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeError(error, overrides)}</p>
      {children}
      {onRetry === undefined ? null : (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}

export function Notice({
  tone,
  children,
  live = false,
}: {
  tone: 'info' | 'success' | 'warning' | 'error';
  children: ReactNode;
  live?: boolean;
}) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {children}
    </div>
  );
}

/** Loading and error states of a resource around what its data shows. */
export function AsyncView<Data>({
  state,
  loadingLabel,
  onRetry,
  children,
}: {
  state: ResourceState<Data>;
  loadingLabel?: string;
  onRetry?: () => void;
  children: (data: Data) => ReactNode;
}) {
  if (state.status === 'loading')
    return <Loading {...(loadingLabel === undefined ? {} : { label: loadingLabel })} />;
  if (state.status === 'failed') {
    return <ErrorNotice error={state.error} {...(onRetry === undefined ? {} : { onRetry })} />;
  }
  return <>{children(state.data)}</>;
}

export function Badge({
  tone,
  children,
}: {
  tone: 'sandbox' | 'success' | 'warning' | 'error' | 'neutral';
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Says that PayPal here is the local simulator, not real money. */
export function SandboxBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="sandbox">
      {t('sandbox.badge')}
      <span className="visually-hidden">{t('sandbox.explained')}</span>
    </Badge>
  );
}
