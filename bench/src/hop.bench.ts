import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectNatsBus, createLogger } from '@moneypal/kit';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { wholeOption } from './system.js';

/**
 * What the path of every transfer costs on this machine with nothing behind it: an HTTP
 * request into a Fastify server, a request over NATS (the kit's bus) to another process
 * that answers at once, and the answer back. No database, no validation, no token. Each
 * side is its own process, as the gateway and the ledger are in the distributed runtime,
 * so the figures are the ceiling that any work behind the hop can only lower.
 *
 *   npm run bench:hop -- --connections 64 --duration 15
 */
const { values: options } = parseArgs({
  options: {
    role: { type: 'string', default: 'bench' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '15' },
    port: { type: 'string', default: '0' },
    prefix: { type: 'string', default: '' },
  },
});
const natsUrl = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const subject = 'bench.hop';
const logger = createLogger({ service: 'bench-hop', level: 'warn' });

async function answerer(prefix: string): Promise<void> {
  const bus = await connectNatsBus({
    servers: natsUrl,
    service: 'bench-answerer',
    logger,
    subjectPrefix: prefix,
  });
  await bus.handle(subject, async (payload) => ({ received: payload }));
  process.send?.('ready');
}

async function front(prefix: string, port: number): Promise<void> {
  const bus = await connectNatsBus({
    servers: natsUrl,
    service: 'bench-front',
    logger,
    subjectPrefix: prefix,
  });
  const server = Fastify();
  server.post('/hop', async (request, reply) => {
    const answer = await bus.request(subject, request.body);
    return reply.code(201).send(answer);
  });
  await server.listen({ port, host: '127.0.0.1' });
  process.send?.('ready');
}

function startRole(role: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--role', role, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the ${role} exited with ${code}`)));
  });
}

async function bench(): Promise<void> {
  const connections = wholeOption('connections', options.connections, 1, 10_000);
  const durationSeconds = wholeOption('duration', options.duration, 1, 3_600);
  const prefix = `bench_hop_${randomBytes(4).toString('hex')}.`;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const children = [
    await startRole('answerer', ['--prefix', prefix]),
    await startRole('front', ['--prefix', prefix, '--port', String(port)]),
  ];
  try {
    let failures = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: durationSeconds,
      requests: [
        {
          method: 'POST',
          path: '/hop',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from_wallet_id: 'a', to_wallet_id: 'b', amount: 1 }),
          onResponse: (status) => {
            if (status !== 201) failures++;
          },
        },
      ],
    });
    console.log(
      JSON.stringify(
        {
          path: 'HTTP (Fastify) → NATS request → answering process → back, nothing else',
          connections,
          duration_seconds: result.duration,
          requests_per_second: Math.round(result.requests.total / result.duration),
          p50_ms: result.latency.p50,
          p99_ms: result.latency.p99,
          failures,
          socket_errors: result.errors,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

if (options.role === 'answerer') await answerer(options.prefix);
else if (options.role === 'front') await front(options.prefix, Number(options.port));
else await bench();
