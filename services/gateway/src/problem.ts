import { AppError, type ErrorCode, type FieldError, httpStatusOf, sentenceOf, titleOf } from '@moneypal/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const problemContentType = 'application/problem+json';

/**
 * An RFC 9457 problem as every gateway error answers (`problemSchema` in contracts). Its
 * `detail` and each field message are sentences (see "How errors read" in docs/api.md).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id: string;
  errors?: FieldError[];
  /** With `limit_exceeded`: which rule refused (`min_amount`, `daily_total`, …) and its figure. */
  limit?: { name: string; value?: number };
}

export function problemOf(
  code: ErrorCode,
  detail: string,
  requestId: string,
  errors?: FieldError[],
): Problem {
  const problem: Problem = {
    type: `/problems/${code}`,
    title: titleOf(code),
    status: httpStatusOf(code),
    detail: sentenceOf(detail),
    code,
    request_id: requestId,
  };
  if (errors !== undefined && errors.length > 0) {
    problem.errors = errors.map((error) => ({ path: error.path, message: sentenceOf(error.message) }));
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(JSON.stringify(problem));
}

/** What a client is told of a bug: nothing of its cause, which goes to the log. */
export const unexpectedDetail =
  'Something failed on our side; nothing you sent caused it. Try again later, and report the request_id if it keeps happening.';

/** Framework errors (body parsing, limits) carry a 4xx `statusCode`; these are the codes they become. */
const codeOfClientStatus: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The problem an error becomes at the edge; `unexpected` means it is a bug, to be logged with its detail. */
export function problemOfError(
  error: unknown,
  request: FastifyRequest,
): { problem: Problem; unexpected: boolean } {
  if (error instanceof AppError) {
    if (error.code === 'internal') {
      return {
        problem: problemOf('internal', unexpectedDetail, request.id),
        unexpected: true,
      };
    }
    const problem = problemOf(error.code, error.message, request.id, error.details?.errors);
    const limit = error.code === 'limit_exceeded' ? limitOf(error.details) : undefined;
    if (limit !== undefined) problem.limit = limit;
    return { problem, unexpected: false };
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = codeOfClientStatus[statusCode] ?? 'validation_failed';
    const message = error instanceof Error && error.message.length > 0 ? error.message : titleOf(code);
    const frameworkCode = (error as { code?: unknown }).code;
    return {
      problem: problemOf(
        code,
        clientMessageOf(code, message, typeof frameworkCode === 'string' ? frameworkCode : undefined),
        request.id,
      ),
      unexpected: false,
    };
  }
  return { problem: problemOf('internal', unexpectedDetail, request.id), unexpected: true };
}

/** The rule a `limit_exceeded` names in its details, as the problem carries it. */
function limitOf(details: AppError['details']): Problem['limit'] {
  if (typeof details?.limit !== 'string') return undefined;
  return typeof details.value === 'number'
    ? { name: details.limit, value: details.value }
    : { name: details.limit };
}

/** What the framework's refusals of a body mean, in words a client can act on. */
const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY:
    'The request body is empty: send a JSON object, or leave out the Content-Type header.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body sent.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON: check its quotes, commas and brackets.',
  FST_ERR_BAD_URL: 'The URL is not valid: encode special characters in the path, such as %25 for %.',
};

/** Framework messages are safe to show, but most deserve words a client understands. */
function clientMessageOf(code: ErrorCode, message: string, frameworkCode: string | undefined): string {
  if (code === 'payload_too_large')
    return 'The request body is larger than this server accepts: send a smaller one, or split a batch.';
  if (code === 'unsupported_media_type')
    return 'The request body must be JSON, sent with `Content-Type: application/json`.';
  if (frameworkCode !== undefined && Object.hasOwn(frameworkMessages, frameworkCode))
    return frameworkMessages[frameworkCode]!;
  if (message.includes('not valid JSON') || message.startsWith('Unexpected'))
    return 'The request body is not valid JSON: check its quotes, commas and brackets.';
  if (message.includes('forbidden prototype property') || message.includes('forbidden constructor'))
    return 'The request body holds a field named `__proto__` or `constructor`, which no request takes.';
  return message;
}
