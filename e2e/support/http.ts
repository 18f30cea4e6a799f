import { randomUUID } from 'node:crypto';
import { type ApiClient, createApiClient } from '@moneypal/api-client';
import { expect } from 'vitest';

/**
 * The typed clients of a system under test (`@moneypal/api-client`): `api()` calls as nobody,
 * `api(token)` as the holder of an access token. Paths, parameters and bodies are typed by the
 * gateway's OpenAPI document, so a renamed field fails the typecheck of the suite that uses it.
 */
export type Api = (token?: string) => ApiClient;

export function apiOf(baseUrl: string): Api {
  return (token) => createApiClient({ baseUrl, ...(token === undefined ? {} : { accessToken: token }) });
}

/** The header of a request that moves money, with a new key unless one is given. */
export function idempotencyKey(key: string = randomUUID()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}

/** Asserts that a typed or a raw answer is the problem `code` with `status`. */
export function expectProblem(
  answer: { response: Response; error?: unknown } | HttpAnswer,
  status: number,
  code: string,
) {
  const [answered, body] =
    'response' in answer ? [answer.response.status, answer.error] : [answer.status, answer.body];
  expect(answered, JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ status, code });
}

/** A raw HTTP client for what the typed one cannot send: malformed bodies, headers and paths. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field in the tests.
  body: any;
}

export interface HttpRequest {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as it is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export function httpClient(baseUrl: string) {
  return async (path: string, request: HttpRequest = {}): Promise<HttpAnswer> => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.rawBody !== undefined) body = request.rawBody;
    else if (request.body !== undefined) body = JSON.stringify(request.body);
    if (body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}
