import { createLogger } from '@moneypal/kit';
import { describe, expect, it, vi } from 'vitest';
import { RequestLogger } from './request-logger.js';

function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'gateway',
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('RequestLogger', () => {
  it('makes no pino child and writes nothing for lines below the level', () => {
    const { logger, lines } = capturedLogger('warn');
    const makeChild = vi.spyOn(logger, 'child');

    const log = new RequestLogger(logger, { request_id: 'r-1' }).child({ trace_id: 't-1' });
    log.info({ status_code: 200 }, 'request completed');
    log.debug('detail');

    expect(lines).toEqual([]);
    expect(makeChild).not.toHaveBeenCalled();
  });

  it("writes an enabled line with the request's bindings and its children's", () => {
    const { logger, lines } = capturedLogger('info');

    const log = new RequestLogger(logger, { request_id: 'r-1' }).child({ trace_id: 't-1', span_id: 's-1' });
    log.info({ status_code: 200 }, 'request completed');
    log.error(new Error('boom'));

    expect(lines[0]).toMatchObject({
      service: 'gateway',
      level: 'info',
      request_id: 'r-1',
      trace_id: 't-1',
      span_id: 's-1',
      status_code: 200,
      message: 'request completed',
    });
    expect(lines[1]).toMatchObject({ level: 'error', request_id: 'r-1', err: { message: 'boom' } });
  });

  it("keeps a level set on one request's logger to that request", () => {
    const { logger, lines } = capturedLogger('info');

    const chatty = new RequestLogger(logger, { request_id: 'r-1' });
    chatty.level = 'debug';
    chatty.debug('shown');
    new RequestLogger(logger, { request_id: 'r-2' }).debug('hidden');

    expect(chatty.level).toBe('debug');
    expect(logger.level).toBe('info');
    expect(lines.map((line) => [line.request_id, line.message])).toEqual([['r-1', 'shown']]);
  });
});
