import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** One of the API's named shapes, as the gateway documents it: `Schema<'Wallet'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** An RFC 9457 problem, the body of every error answer. */
export type Problem = Schema<'Problem'>;

/** The typed client: `client.GET('/v1/wallets/{id}', { params: { path: { id } } })`. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Where the API is, without a trailing slash: `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** The access token to send as `Authorization: Bearer …`, read again for every request. */
  accessToken?: string | (() => string | null | undefined);
  /** `globalThis.fetch` unless given; it receives one `Request`. */
  fetch?: (request: Request) => Promise<Response>;
  /** How query parameters are written; openapi-fetch's own (form, deepObject) unless given. */
  querySerializer?: ClientOptions['querySerializer'];
}

/** The typed client of the API at `baseUrl`, with the bearer token when one is given. */
export function createApiClient({
  baseUrl,
  accessToken,
  fetch,
  querySerializer,
}: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    ...(fetch === undefined ? {} : { fetch }),
    ...(querySerializer === undefined ? {} : { querySerializer }),
  });
  if (accessToken !== undefined) {
    client.use(bearerToken(typeof accessToken === 'string' ? () => accessToken : accessToken));
  }
  return client;
}

/** Sends `Authorization: Bearer <token>` with every request while `token()` gives one. */
export function bearerToken(token: () => string | null | undefined): Middleware {
  return {
    onRequest({ request }) {
      const value = token();
      if (value) request.headers.set('authorization', `Bearer ${value}`);
    },
  };
}

/** What openapi-fetch answers: the success body, or the error body, and the response. */
export interface ApiResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/**
 * A refused request: the answer's status and its problem (`null` when the body was not one,
 * as from a proxy in front of the gateway).
 */
export class ApiProblemError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, body: unknown) {
    const problem = isProblem(body) ? body : null;
    super(problem === null ? `The API answered ${status}.` : `${problem.code}: ${problem.detail}`);
    this.name = 'ApiProblemError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

export function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { status?: unknown }).status === 'number'
  );
}

/** The body of a successful answer; an error answer is thrown as an `ApiProblemError`. */
export async function dataOf<Data>(pending: Promise<ApiResult<Data>> | ApiResult<Data>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiProblemError(response.status, error);
  return data as Data;
}
