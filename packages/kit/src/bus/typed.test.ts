import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { MemoryBroker } from './memory.js';
import { call, checkCallsAgainstContracts, serve } from './typed.js';

const ask = {
  subject: 'test.ask',
  request: z.object({ amount: z.number().int().positive() }).strict(),
  reply: z.object({ doubled: z.number().int() }),
};

async function connected() {
  const broker = new MemoryBroker();
  const server = broker.connect('server');
  const client = broker.connect('client');
  let parsed = 0;
  const counted = {
    ...ask,
    request: ask.request.transform((request) => {
      parsed += 1;
      return request;
    }),
  };
  await serve(server, counted, async ({ amount }) => ({ doubled: amount * 2 }));
  return { client, parsedCount: () => parsed };
}

describe('call and serve', () => {
  // The test setup turns caller checks on for every suite; each test here says what it needs.
  afterEach(() => checkCallsAgainstContracts(true));

  it('parses a request once, at the serving side, when caller checks are off (production)', async () => {
    checkCallsAgainstContracts(false);
    const { client, parsedCount } = await connected();

    expect(await call(client, ask, { amount: 21 })).toEqual({ doubled: 42 });
    expect(parsedCount()).toBe(1);
  });

  it('refuses an invalid request at the serving side when caller checks are off', async () => {
    checkCallsAgainstContracts(false);
    const { client } = await connected();

    const failure = await call(client, ask, { amount: -1 }).catch((error: unknown) => error);

    expect((failure as AppError).toJSON()).toMatchObject({
      code: 'validation_failed',
      message: 'The request is not valid: `errors` names each field to fix.',
    });
  });

  it('refuses an invalid request before it leaves the caller when caller checks are on', async () => {
    checkCallsAgainstContracts(true);
    const { client, parsedCount } = await connected();

    const failure = await call(client, ask, { amount: -1 }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toBe('invalid test.ask request');
    expect(parsedCount()).toBe(0);
  });

  it('refuses a reply outside the contract at the caller when caller checks are on', async () => {
    checkCallsAgainstContracts(true);
    const broker = new MemoryBroker();
    const server = broker.connect('server');
    const client = broker.connect('client');
    await server.handle(ask.subject, async () => ({ doubled: 'forty-two' }));

    const failure = await call(client, ask, { amount: 21 }).catch((error: unknown) => error);

    expect((failure as AppError).toJSON()).toEqual({
      code: 'internal',
      message: 'invalid reply on test.ask',
    });
  });

  it('does not parse the reply again at the serving side when contract checks are off (production)', async () => {
    const broker = new MemoryBroker();
    const server = broker.connect('server');
    const client = broker.connect('client');
    let replyParses = 0;
    const counted = {
      ...ask,
      reply: ask.reply.transform((reply) => {
        replyParses += 1;
        return reply;
      }),
    };
    await serve(server, counted, async ({ amount }) => ({ doubled: amount * 2 }));

    checkCallsAgainstContracts(false);
    expect(await call(client, ask, { amount: 21 })).toEqual({ doubled: 42 });
    expect(replyParses).toBe(0);

    checkCallsAgainstContracts(true);
    expect(await call(client, ask, { amount: 21 })).toEqual({ doubled: 42 });
    expect(replyParses).toBe(1);
  });

  it('refuses its own reply outside the contract at the serving side when contract checks are on', async () => {
    checkCallsAgainstContracts(true);
    const broker = new MemoryBroker();
    const server = broker.connect('server');
    const client = broker.connect('client');
    // Typed as the contract allows nothing else; a handler that breaks it anyway is a bug the tests catch.
    await serve(server, ask, async () => ({ doubled: 'forty-two' }) as unknown as { doubled: number });

    const failure = await client.request(ask.subject, { amount: 21 }).catch((error: unknown) => error);

    expect((failure as AppError).toJSON()).toEqual({ code: 'internal', message: 'internal error' });
  });
});
