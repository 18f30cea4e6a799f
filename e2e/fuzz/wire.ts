import { type Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './requests.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const answerTimeoutMs = 15_000;

/** Sends a request exactly as described: through Node's client, or as raw bytes on a new connection. */
export function send(
  baseUrl: URL,
  request: FuzzRequest,
  agent: Agent,
  tokens: Record<string, string>,
): Promise<Answer> {
  return request.raw === undefined
    ? sendHttp(baseUrl, request, agent, tokens)
    : sendRaw(baseUrl, request.raw);
}

function sendHttp(
  baseUrl: URL,
  request: FuzzRequest,
  agent: Agent,
  tokens: Record<string, string>,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Object.entries(tokens).reduce(
      (text, [tokenName, token]) => text.replace(tokenName, token),
      value,
    );
  }
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const outgoing = httpRequest(
      {
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: request.method,
        path: request.target,
        agent,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(body.length) }),
        },
        timeout: answerTimeoutMs,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${answerTimeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function sendRaw(baseUrl: URL, raw: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: baseUrl.hostname, port: Number(baseUrl.port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(answerTimeoutMs, () =>
      socket.destroy(new Error(`no answer within ${answerTimeoutMs} ms`)),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while the rest of an oversized request is still being written.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: split === -1 ? '' : text.slice(split + 4),
      });
    });
    socket.write(Buffer.from(raw, 'latin1'));
  });
}

/**
 * Why an answer is wrong, or undefined when it is right: never a 5xx; a 4xx with an RFC 9457
 * problem of the same status; a success only to a request without a flaw (a read).
 */
export function faultOf(request: FuzzRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) {
    return request.flaws.length === 0
      ? undefined
      : `answered ${answer.status} to a request that must be refused`;
  }
  const contentType = answer.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/problem+json')) {
    return `answered ${answer.status} with content-type ${JSON.stringify(contentType)}, not application/problem+json`;
  }
  let problem: { type?: unknown; title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(answer.body);
  } catch {
    return `answered ${answer.status} with a body that is not JSON`;
  }
  if (typeof problem !== 'object' || problem === null) return 'answered a problem that is not an object';
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
    return 'answered a problem without type or title';
  }
  if (problem.status !== answer.status) {
    return `answered ${answer.status} with a problem of status ${String(problem.status)}`;
  }
  return undefined;
}

/** Long runs of one character, as in oversized fields, shown as a count: the rest stays exact. */
function abbreviated(text: string): string {
  return text.replace(/(.)\1{63,}/gs, (run, character: string) => `${character}⟨×${run.length}⟩`);
}

/** A request as it went on the wire, every string JSON-quoted so control characters show. */
export function formatRequest(request: FuzzRequest): string {
  if (request.raw !== undefined) {
    return `raw bytes (latin1) on a new connection: ${abbreviated(JSON.stringify(request.raw))}`;
  }
  const lines = [`${request.method} ${abbreviated(request.target)} HTTP/1.1`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${abbreviated(JSON.stringify(value))}`);
  }
  if (request.body instanceof Uint8Array) {
    lines.push(`body (${request.body.length} bytes, hex): ${Buffer.from(request.body).toString('hex')}`);
  } else if (request.body !== undefined) {
    lines.push(`body (UTF-8): ${abbreviated(JSON.stringify(request.body))}`);
  } else {
    lines.push('no body');
  }
  return lines.join('\n');
}
