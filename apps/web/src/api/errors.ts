import { i18n } from '../i18n';
import { english } from '../i18n/resources';
import { ApiError, networkErrorCode } from './client';

const t = i18n.getFixedT(null, 'errors');

/** The server's error codes with plain words of their own; a screen may say some of them its own way. */
type KnownCode = keyof typeof english.errors.codes;

/** Plain words for a server's error code, in the chosen language, or undefined for a code without any. */
function messageOf(code: string): string | undefined {
  if (code === networkErrorCode) return t('network');
  return Object.hasOwn(english.errors.codes, code) ? t(`codes.${code as KnownCode}`) : undefined;
}

/** The codes where the server gives specifics worth adding to the plain words. */
const codesWithUsefulDetail = new Set(['limit_exceeded', 'conflict', 'not_found']);

/**
 * What to tell the person about a failed call, in plain words. `overrides` reword codes for
 * a screen (a transfer's `recipient_has_no_wallet` speaks of a transfer).
 */
export function describeError(error: unknown, overrides: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return t('unknown');
  const message = overrides[error.code] ?? messageOf(error.code);
  if (message === undefined) return error.detail === '' ? t('somethingWrong') : sentenceOf(error.detail);
  if (overrides[error.code] === undefined && codesWithUsefulDetail.has(error.code) && error.detail !== '') {
    return error.code === 'limit_exceeded'
      ? `${message} (${sentenceOf(error.detail)})`
      : sentenceOf(error.detail);
  }
  return message;
}

/**
 * Whether trying the very same request again may succeed: the request did not arrive, the
 * server was busy, or it is still working on it. Other refusals are answers, and a retry
 * with the same Idempotency-Key would get the same answer.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.code === networkErrorCode ||
    error.code === 'rate_limited' ||
    error.code === 'idempotency_in_flight' ||
    error.status >= 500
  );
}

export function codeOf(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

/** `'the user_name is already taken'` → `'The user_name is already taken.'` */
export function sentenceOf(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capitalised = `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
