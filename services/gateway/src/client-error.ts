import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorCode, type Logger, newId } from '@moneypal/kit';
import { problemContentType, problemOf } from './problem.js';

/** What a request Node's HTTP parser refused is told when nothing more precise applies. */
export const malformedRequestDetail =
  'The request is not valid HTTP: check its method, headers and Content-Length.';

/** What Node's HTTP parser refuses before any request exists, as a client can understand it. */
function problemCodeOf(errorCode: string | undefined): { code: ErrorCode; detail: string } {
  if (errorCode === 'HPE_HEADER_OVERFLOW')
    return {
      code: 'headers_too_large',
      detail: 'The request headers are larger than this server accepts: send fewer or shorter ones.',
    };
  if (errorCode === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      code: 'request_timeout',
      detail: 'The request did not arrive whole in time: send it again.',
    };
  return { code: 'validation_failed', detail: malformedRequestDetail };
}

/**
 * Answers a request Node's HTTP parser refused (a bad method, header or length, headers too
 * large) with a problem+json like every other error, then closes the connection: after a
 * parse error the rest of the bytes on it cannot be trusted. Fastify's `clientErrorHandler`.
 */
export function clientErrorHandlerOf(logger: Logger) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = newId();
    const { code, detail } = problemCodeOf(error.code);
    const problem = problemOf(code, detail, requestId);
    // The parser's code only: the message may quote the bytes received, tokens included.
    logger.debug({ code: error.code, request_id: requestId }, 'malformed request refused');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(problem);
    const head = [
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
      `content-type: ${problemContentType}`,
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      'x-content-type-options: nosniff',
      'cache-control: no-store',
      'connection: close',
    ].join('\r\n');
    socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
  };
}
