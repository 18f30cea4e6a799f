import { AppError, type ErrorCode, type FieldError, httpStatusOf, titleOf } from '@moneypal/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const problemContentType = 'application/problem+json';

/** An RFC 9457 problem as every gateway error answers (`problemSchema` in contracts). */
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
    detail,
    code,
    request_id: requestId,
  };
  if (errors !== undefined && errors.length > 0) problem.errors = errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(JSON.stringify(problem));
}

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
        problem: problemOf('internal', 'An unexpected error occurred.', request.id),
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
    return { problem: problemOf(code, clientMessageOf(code, message), request.id), unexpected: false };
  }
  return { problem: problemOf('internal', 'An unexpected error occurred.', request.id), unexpected: true };
}

/** The rule a `limit_exceeded` names in its details, as the problem carries it. */
function limitOf(details: AppError['details']): Problem['limit'] {
  if (typeof details?.limit !== 'string') return undefined;
  return typeof details.value === 'number'
    ? { name: details.limit, value: details.value }
    : { name: details.limit };
}

/** Framework messages are safe to show, but some deserve words a client understands. */
function clientMessageOf(code: ErrorCode, message: string): string {
  if (code === 'payload_too_large') return 'The request body is larger than this server accepts.';
  if (code === 'unsupported_media_type') return 'Send the request body as application/json.';
  if (message.includes('not valid JSON')) return 'The request body is not valid JSON.';
  return message;
}
