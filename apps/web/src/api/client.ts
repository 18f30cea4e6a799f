import type { Tokens } from '@moneypal/contracts';

/** One field the server refused, as problem+json `errors` lists them (`path` is dotted). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The code an `ApiError` has when the request never got an answer. */
export const networkErrorCode = 'network_error';

/**
 * A failed API call: the server's RFC 9457 problem (its `code`, `detail` and field errors),
 * or `network_error` (status 0) when the server could not be reached.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: readonly FieldProblem[] = [],
    readonly requestId: string | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** Where the refresh token lives between page loads. */
export interface RefreshTokenStore {
  read(): string | null;
  write(refreshToken: string | null): void;
}

const refreshTokenKey = 'moneypal.refresh_token';

/**
 * The refresh token in `sessionStorage`; the access token stays in memory only.
 *
 * Why sessionStorage: the token must survive a reload and the round trip to PayPal's
 * approval page (same tab), but refresh tokens rotate and presenting a used one revokes the
 * whole session — tabs sharing one token through localStorage would race on refresh and log
 * each other out. sessionStorage is per tab and is gone when the tab closes, which also
 * shortens how long a stolen token is useful. Any script on the page could read either, so
 * the app loads no third-party script.
 */
export function sessionRefreshTokenStore(storage: Storage = window.sessionStorage): RefreshTokenStore {
  return {
    read: () => storage.getItem(refreshTokenKey),
    write: (refreshToken) =>
      refreshToken === null
        ? storage.removeItem(refreshTokenKey)
        : storage.setItem(refreshTokenKey, refreshToken),
  };
}

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent as `Idempotency-Key`; the same key goes with the one retry after a refresh. */
  idempotencyKey?: string;
  /** `false` for the public auth routes: no token is sent and a 401 is an answer, not an expiry. */
  authenticated?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Empty for the page's own origin, where the gateway serves both the app and the API. */
  baseUrl?: string;
  refreshTokens?: RefreshTokenStore;
  nowMs?: () => number;
}

/** Refresh this long before the access token expires, so a request never carries a token about to lapse. */
const expirySkewMs = 30_000;

/**
 * The fetch wrapper every screen uses: JSON in and out, the bearer token, problem+json into
 * `ApiError`, and silent refresh — before a request when the access token is about to
 * expire, and once after a 401 — with at most one refresh in flight, whoever asks.
 */
export class ApiClient {
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;
  readonly #refreshTokens: RefreshTokenStore;
  readonly #nowMs: () => number;
  #accessToken: string | null = null;
  #accessExpiresAtMs = 0;
  #refreshing: Promise<void> | null = null;
  readonly #sessionEndedListeners = new Set<() => void>();

  constructor(options: ApiClientOptions = {}) {
    // Bound: a detached `window.fetch` throws "Illegal invocation".
    this.#fetch = options.fetch ?? window.fetch.bind(window);
    this.#baseUrl = options.baseUrl ?? '';
    this.#refreshTokens = options.refreshTokens ?? sessionRefreshTokenStore();
    this.#nowMs = options.nowMs ?? Date.now;
  }

  /** Whether a session may exist: an access token in memory or a refresh token stored. */
  get hasSession(): boolean {
    return this.#accessToken !== null || this.#refreshTokens.read() !== null;
  }

  /** Keeps the tokens of a login, an OTP verification or a refresh. */
  startSession(tokens: Tokens): void {
    this.#accessToken = tokens.access_token;
    this.#accessExpiresAtMs = this.#nowMs() + tokens.expires_in * 1000;
    this.#refreshTokens.write(tokens.refresh_token);
  }

  /** Forgets the tokens (after logout). */
  endSession(): void {
    this.#accessToken = null;
    this.#accessExpiresAtMs = 0;
    this.#refreshTokens.write(null);
  }

  /** Called when the server ends the session (the refresh token was refused). */
  onSessionEnded(listener: () => void): () => void {
    this.#sessionEndedListeners.add(listener);
    return () => this.#sessionEndedListeners.delete(listener);
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (options.authenticated === false) {
      return this.#answerOf<T>(await this.#send(method, path, options, null));
    }
    if (this.#accessToken === null || this.#nowMs() >= this.#accessExpiresAtMs - expirySkewMs) {
      await this.refresh();
    }
    const sentToken = this.#accessToken;
    const response = await this.#send(method, path, options, sentToken);
    if (response.status !== 401) return this.#answerOf<T>(response);
    // Another request may have refreshed while this one was out: then its token is already new.
    if (this.#accessToken === sentToken) await this.refresh();
    return this.#answerOf<T>(await this.#send(method, path, options, this.#accessToken));
  }

  /**
   * Exchanges the stored refresh token for new tokens. Concurrent callers share one
   * exchange: the token rotates, so a second exchange of the same token would revoke the
   * session. A refused token ends the session; a network failure keeps it for a later try.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#exchangeRefreshToken().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #exchangeRefreshToken(): Promise<void> {
    const refreshToken = this.#refreshTokens.read();
    if (refreshToken === null) {
      this.#sessionEnded();
      throw new ApiError(401, 'unauthenticated', 'You are not logged in.');
    }
    const response = await this.#send(
      'POST',
      '/v1/auth/refresh',
      { body: { refresh_token: refreshToken } },
      null,
    );
    try {
      this.startSession(await this.#answerOf<Tokens>(response));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.code === 'validation_failed')) {
        this.#sessionEnded();
      }
      throw error;
    }
  }

  #sessionEnded(): void {
    this.endSession();
    for (const listener of this.#sessionEndedListeners) listener();
  }

  async #send(
    method: string,
    path: string,
    options: RequestOptions,
    accessToken: string | null,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await this.#fetch(`${this.#baseUrl}${path}${queryStringOf(options.query)}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, networkErrorCode, 'MoneyPal could not be reached.');
    }
  }

  async #answerOf<T>(response: Response): Promise<T> {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T;
    throw problemErrorOf(response.status, parsed);
  }
}

/** The `ApiError` of an error answer: its problem+json, or a generic one for anything else. */
export function problemErrorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string') {
    const problem = body as {
      code: string;
      detail?: unknown;
      title?: unknown;
      errors?: unknown;
      request_id?: unknown;
    };
    const fieldErrors = Array.isArray(problem.errors)
      ? problem.errors.filter(
          (entry): entry is FieldProblem =>
            typeof entry?.path === 'string' && typeof entry?.message === 'string',
        )
      : [];
    const detail =
      typeof problem.detail === 'string'
        ? problem.detail
        : typeof problem.title === 'string'
          ? problem.title
          : '';
    return new ApiError(
      status,
      problem.code,
      detail,
      fieldErrors,
      typeof problem.request_id === 'string' ? problem.request_id : null,
    );
  }
  return new ApiError(status, status >= 500 ? 'unavailable' : 'unexpected', `The server answered ${status}.`);
}

function queryStringOf(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}
