import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { percentile, runtimeOf, startSystem } from './system.js';

/**
 * Registers and logs in users over HTTP against a freshly started MoneyPal and prints
 * requests/s and latency percentiles. Starts the chosen runtime as a child process (the
 * local one on a throwaway data directory, or the distributed one on the PostgreSQL and
 * NATS given by BENCH_DATABASE_URL and BENCH_NATS_URL) and stops it at the end.
 *
 *   npm run bench:auth -- --runtime local --users 200 --connections 32 --duration 15
 */
const { values: options } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'local' },
    users: { type: 'string', default: '100' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '15' },
  },
});
const runtime = runtimeOf(options.runtime);
const userCount = Number(options.users);
const connections = Number(options.connections);
const durationSeconds = Number(options.duration);

async function registerUsers(url: string) {
  const users = Array.from({ length: userCount }, (_, index) => ({
    first_name: 'Bench',
    last_name: 'User',
    user_name: `bench_${index}_${randomBytes(3).toString('hex')}`,
    email: `bench.${index}.${randomBytes(3).toString('hex')}@example.com`,
    password: 'bench password 1234',
  }));
  const latenciesMs: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, userCount) }, async () => {
      while (next < users.length) {
        const user = users[next++]!;
        const sentAt = performance.now();
        const response = await fetch(`${url}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(user),
        });
        latenciesMs.push(performance.now() - sentAt);
        if (response.status !== 201)
          throw new Error(`register answered ${response.status}: ${await response.text()}`);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latenciesMs.sort((a, b) => a - b);
  return {
    users,
    requestsPerSecond: userCount / elapsedSeconds,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
  };
}

async function benchLogin(url: string, users: { user_name: string; password: string }[]) {
  let turn = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const user = users[turn++ % users.length]!;
          return { ...request, body: JSON.stringify({ login: user.user_name, password: user.password }) };
        },
      },
    ],
  });
  return result;
}

const system = await startSystem({ runtime });
try {
  const registration = await registerUsers(system.url);
  const login = await benchLogin(system.url, registration.users);
  const figures = {
    runtime,
    users: userCount,
    connections,
    register: {
      requests_per_second: Math.round(registration.requestsPerSecond),
      p50_ms: Math.round(registration.p50Ms),
      p99_ms: Math.round(registration.p99Ms),
    },
    login: {
      duration_seconds: durationSeconds,
      requests: login.requests.total,
      requests_per_second: Math.round(login.requests.average),
      p50_ms: login.latency.p50,
      p99_ms: login.latency.p99,
      non_2xx: login.non2xx,
      errors: login.errors,
      timeouts: login.timeouts,
    },
  };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await system.stop();
}
