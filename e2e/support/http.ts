/** A small HTTP client for whole-system tests: JSON in, status + headers + JSON out. */
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
