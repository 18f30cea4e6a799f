import { type ApiResult, createApiClient, type ApiClient as TypedApiClient } from '@moneypal/api-client';
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

/**
 * The header the gateway requires before it takes the refresh-token cookie: a page of another
 * site cannot send it (it would need a CORS preflight the gateway does not grant).
 */
const requestedWithHeader = 'x-requested-with';

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
  nowMs?: () => number;
}

/** Refresh this long before the access token expires, so a request never carries a token about to lapse. */
const expirySkewMs = 30_000;

/**
 * openapi-fetch writes each typed call as a `Request`, which needs an absolute URL; only its
 * path and query are sent, to `baseUrl`, like every other request of the client.
 */
const typedRequestOrigin = 'http://moneypal.invalid';

/** A request as the client sends it: the typed calls' `Request`s are read into this. */
interface Sending extends RequestOptions {
  headers?: Record<string, string>;
  /** A body already written as JSON. */
  json?: string;
}

/**
 * The fetch wrapper every screen uses: JSON in and out, the bearer token, problem+json into
 * `ApiError`, and silent refresh — before a request when the access token is about to
 * expire, and once after a 401 — with at most one refresh in flight, whoever asks.
 *
 * The access token lives in memory only. The refresh token never reaches the page's scripts:
 * the gateway keeps it in an HttpOnly cookie of the auth routes, which the browser sends with
 * a refresh. So a reload, a new tab or the return from PayPal restores the session by
 * refreshing; tabs share the cookie, and one tab's rotation simply replaces it for all.
 */
export class ApiClient {
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;
  readonly #nowMs: () => number;
  #accessToken: string | null = null;
  #accessExpiresAtMs = 0;
  #refreshing: Promise<void> | null = null;
  readonly #sessionEndedListeners = new Set<() => void>();
  /**
   * The typed client of the API (`@moneypal/api-client`), sending with the session's access
   * token and refreshing it as `request` does: `answerOf(client.api.GET('/v1/wallets'))`.
   */
  readonly api: TypedApiClient;
  /** The typed client for the public auth routes: no token is sent and a 401 is an answer. */
  readonly publicApi: TypedApiClient;

  constructor(options: ApiClientOptions = {}) {
    // Bound: a detached `window.fetch` throws "Illegal invocation".
    this.#fetch = options.fetch ?? window.fetch.bind(window);
    this.#baseUrl = options.baseUrl ?? '';
    this.#nowMs = options.nowMs ?? Date.now;
    const typedClientOf = (authenticated: boolean) =>
      createApiClient({
        baseUrl: typedRequestOrigin,
        fetch: (request) => this.#sendTyped(request, authenticated),
        querySerializer: (query) => queryStringOf(query as Record<string, QueryValue>).slice(1),
      });
    this.api = typedClientOf(true);
    this.publicApi = typedClientOf(false);
  }

  /** Keeps the access token of a login, an OTP verification or a refresh (the refresh token is the cookie's). */
  startSession(tokens: Pick<Tokens, 'access_token' | 'expires_in'>): void {
    this.#accessToken = tokens.access_token;
    this.#accessExpiresAtMs = this.#nowMs() + tokens.expires_in * 1000;
  }

  /** Forgets the access token (after logout, or a refused refresh). */
  endSession(): void {
    this.#accessToken = null;
    this.#accessExpiresAtMs = 0;
  }

  /** Called when the server ends the session (the refresh token was refused). */
  onSessionEnded(listener: () => void): () => void {
    this.#sessionEndedListeners.add(listener);
    return () => this.#sessionEndedListeners.delete(listener);
  }

  /**
   * A document the API answers as an attachment (a CSV or PDF), fetched with the bearer token
   * (a bare link would carry none), with the name the server gives it.
   */
  async getFile(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<DownloadedFile> {
    const response = await this.#sendInSession('GET', path, {
      ...options,
      headers: { accept: 'text/csv, application/pdf, application/problem+json' },
    });
    if (!response.ok) return this.#answerOf<never>(response);
    return {
      blob: await response.blob(),
      filename: attachmentNameOf(response.headers.get('content-disposition')) ?? 'moneypal-download',
    };
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
    return this.#answerOf<T>(await this.#sendInSession(method, path, options));
  }

  /** Sends with the access token, refreshed first when it is about to lapse, and once more after a 401. */
  async #sendInSession(method: string, path: string, options: Sending): Promise<Response> {
    if (this.#accessToken === null || this.#nowMs() >= this.#accessExpiresAtMs - expirySkewMs) {
      await this.refresh();
    }
    const sentToken = this.#accessToken;
    const response = await this.#send(method, path, options, sentToken);
    if (response.status !== 401) return response;
    // Another request may have refreshed while this one was out: then its token is already new.
    if (this.#accessToken === sentToken) await this.refresh();
    return this.#send(method, path, options, this.#accessToken);
  }

  /** Sends a typed call's request as `request` sends any other; openapi-fetch reads the answer. */
  async #sendTyped(request: Request, authenticated: boolean): Promise<Response> {
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    const headers = Object.fromEntries(request.headers);
    const json = request.body === null ? undefined : await request.text();
    const options: Sending = {
      headers,
      ...(json === undefined ? {} : { json }),
      signal: request.signal,
    };
    return authenticated
      ? this.#sendInSession(request.method, path, options)
      : this.#send(request.method, path, options, null);
  }

  /**
   * Exchanges the refresh-token cookie for new tokens. Concurrent callers share one
   * exchange: the token rotates, so a second exchange of the same token would revoke the
   * session. A refused (or missing) token ends the session; a network failure keeps it for a
   * later try.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#exchangeRefreshToken().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #exchangeRefreshToken(): Promise<void> {
    const response = await this.#send(
      'POST',
      '/v1/auth/refresh',
      { body: {}, headers: { [requestedWithHeader]: 'fetch' } },
      null,
    );
    try {
      this.startSession(await this.#answerOf<Tokens>(response));
    } catch (error) {
      if (error instanceof ApiError && [400, 401, 403].includes(error.status)) {
        this.#sessionEnded();
      }
      throw error;
    }
  }

  #sessionEnded(): void {
    this.endSession();
    for (const listener of this.#sessionEndedListeners) listener();
  }

  async #send(method: string, path: string, options: Sending, accessToken: string | null): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let body = options.json;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
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

/** The body of a typed call's success; an error answer is thrown as its `ApiError`. */
export async function answerOf<Data>(pending: Promise<ApiResult<Data>>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw problemErrorOf(response.status, error);
  return data as Data;
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

/** A file the API answered, and the name to save it under. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name of `Content-Disposition: attachment; filename="…"`, when it is a plain one. */
export function attachmentNameOf(header: string | null): string | null {
  const match = header === null ? null : /filename="([A-Za-z0-9._-]+)"/.exec(header);
  return match?.[1] ?? null;
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
