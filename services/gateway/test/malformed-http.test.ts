import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are on a new connection and reads the answer until the server closes it. */
function sendRaw(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(bytes);
  });
}

/** Requests Node's HTTP parser refuses before the gateway's router sees them. */
const malformed: Record<string, string> = {
  'a space in a header name': 'GET /v1/users/me HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
  'a control character in a header value': 'GET /v1/users/me HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n',
  'a NUL in the path': 'GET /v1/users/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'a method that is not a token': 'G@T /v1/users/me HTTP/1.1\r\nHost: x\r\n\r\n',
  'a content length that is not a number':
    'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ten\r\n\r\n{}',
  'two different content lengths':
    'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
  'a chunk size that is not hexadecimal':
    'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
};

describe('requests that are not valid HTTP', () => {
  let gateway: TestGateway;
  let port: number;
  beforeEach(async () => {
    gateway = await startGateway();
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gateway.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    port = address.port;
  });
  afterEach(async () => {
    await gateway.close();
  });

  for (const [name, bytes] of Object.entries(malformed)) {
    it(`answers ${name} with a problem and closes the connection`, async () => {
      const answer = await sendRaw(port, bytes);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers.connection).toBe('close');
      const problem = JSON.parse(answer.body);
      expect(problem).toMatchObject({
        type: '/problems/validation_failed',
        title: 'The request is not valid',
        status: 400,
        code: 'validation_failed',
        detail: 'The request is not valid HTTP: check its method, headers and Content-Length.',
      });
      expect(problem.request_id).toBe(answer.headers['x-request-id']);
      expect(gateway.operationCalls()).toEqual([]);
    });
  }

  it('answers headers over the limit with 431 and a problem', async () => {
    const answer = await sendRaw(
      port,
      `GET /v1/users/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('logs the parser code of a refused request, never its bytes', async () => {
    await sendRaw(
      port,
      'GET /v1/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret-token\u0001\r\n\r\n',
    );
    const line = gateway.logLines.find((entry) => entry.includes('malformed request refused'));
    expect(line).toBeDefined();
    expect(line).toContain('HPE_');
    expect(line).not.toContain('secret-token');
  });
});
