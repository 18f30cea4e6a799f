import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { replyOf, unwrapReply } from './reply.js';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

describe('replyOf', () => {
  it('logs each handled request with the request id it came with', async () => {
    const { lines, logger } = capturedLogger();
    const reply = await replyOf(async () => ({ answer: 42 }), {}, { requestId: 'req-1' }, 'test.ask', logger);
    expect(reply).toEqual({ ok: true, data: { answer: 42 } });
    expect(lines).toEqual([
      expect.objectContaining({ subject: 'test.ask', request_id: 'req-1', outcome: 'ok' }),
    ]);
  });

  it('passes an AppError on with its code and logs the code as the outcome', async () => {
    const { lines, logger } = capturedLogger();
    const reply = await replyOf(
      async () => {
        throw new AppError('conflict', 'taken', { errors: [{ path: 'email', message: 'is taken' }] });
      },
      {},
      { requestId: 'req-2' },
      'test.ask',
      logger,
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'taken',
        details: { errors: [{ path: 'email', message: 'is taken' }] },
      },
    });
    expect(lines.at(-1)).toMatchObject({ request_id: 'req-2', outcome: 'conflict' });
  });

  it('hides an unexpected error from the caller and logs it', async () => {
    const { lines, logger } = capturedLogger();
    const reply = await replyOf(
      async () => {
        throw new Error('database password is hunter2');
      },
      {},
      { requestId: 'req-3' },
      'test.ask',
      logger,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(
      lines.some((line) => line.message === 'request handler failed' && line.request_id === 'req-3'),
    ).toBe(true);
  });
});

describe('unwrapReply', () => {
  it('throws the error of a failed reply as an AppError', () => {
    expect(() =>
      unwrapReply({ ok: false, error: { code: 'not_found', message: 'no such user' } }, 'test.ask'),
    ).toThrow(expect.objectContaining({ code: 'not_found', message: 'no such user' }));
  });

  it('refuses a reply that is not an envelope', () => {
    expect(() => unwrapReply({ hello: 'world' }, 'test.ask')).toThrow(
      expect.objectContaining({ code: 'internal' }),
    );
  });
});
