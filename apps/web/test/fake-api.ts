/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as the app asked for it. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (request: SeenRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** An RFC 9457 problem, as the gateway answers errors. */
export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: { path: string; message: string }[],
): Response {
  return new Response(
    JSON.stringify({
      type: `/problems/${code}`,
      title: code,
      status,
      detail,
      code,
      request_id: 'request-1',
      ...(errors === undefined ? {} : { errors }),
    }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/**
 * A stand-in for the browser's `fetch` that answers with `handler` and records every
 * request; a handler that throws makes the call fail as a network error does.
 */
export function fakeFetch(handler: Handler) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    );
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      path: String(input),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    return handler(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export function tokens(access: string, refresh: string, expiresInSeconds = 900) {
  return {
    access_token: access,
    refresh_token: refresh,
    token_type: 'Bearer' as const,
    expires_in: expiresInSeconds,
  };
}

/** A promise with its resolve, to hold an answer back until the test lets it go. */
export function deferred<Value>() {
  let resolve!: (value: Value) => void;
  const promise = new Promise<Value>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
