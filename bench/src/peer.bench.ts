import { parseArgs } from 'node:util';
import { measurePeer } from './peer.js';
import { peerTable, ratioOf } from './report.js';
import { distributedServerUrl, wholeOption } from './system.js';
import { measureYardstick, type YardstickDriver } from './yardstick.js';

/**
 * The thin peer alone, without MoneyPal: the yardstick R, then pgledger behind Fastify + pg
 * (see peer.ts), both on the PostgreSQL server of BENCH_DATABASE_URL, in scratch databases
 * dropped afterwards. Prints the same table as bench:transfers (transfers/s, ratio to R,
 * p50/p99, CPU per transfer), then one JSON line. `bench:transfers --pgledger-sql` measures the
 * peer in the same run as MoneyPal, which is what a ratio between the two needs.
 *
 * pgledger's SQL is not in this repository: clone https://github.com/pgr0ss/pgledger and give
 * the path of its pgledger.sql (its vendored ULID helpers are read from beside it).
 *
 *   npm run bench:peer -- --pgledger-sql ../pgledger/pgledger.sql --wallets 10000 --duration 20
 */
const { values: options } = parseArgs({
  options: {
    'pgledger-sql': { type: 'string' },
    wallets: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '20' },
    'peer-pool': { type: 'string', default: '32' },
    'max-amount': { type: 'string', default: '100' },
    'yardstick-connections': { type: 'string', default: '32' },
    'yardstick-seconds': { type: 'string', default: '10' },
    'yardstick-driver': { type: 'string' },
  },
});
const pgledgerSql = options['pgledger-sql'];
if (pgledgerSql === undefined) throw new Error('--pgledger-sql <path of pgledger.sql> is required');
const accounts = wholeOption('wallets', options.wallets, 2, 100_000);
const driver = options['yardstick-driver'];
if (driver !== undefined && driver !== 'pgbench' && driver !== 'pg') {
  throw new Error('--yardstick-driver is pgbench or pg');
}
const serverUrl = distributedServerUrl();

const yardstick = await measureYardstick({
  serverUrl,
  accounts,
  connections: wholeOption('yardstick-connections', options['yardstick-connections'], 1, 1_000),
  seconds: wholeOption('yardstick-seconds', options['yardstick-seconds'], 1, 3_600),
  ...(driver === undefined ? {} : { driver: driver as YardstickDriver }),
});
const measured = await measurePeer({
  serverUrl,
  pgledgerSql,
  accounts,
  connections: wholeOption('connections', options.connections, 1, 10_000),
  pool: wholeOption('peer-pool', options['peer-pool'], 1, 1_000),
  seconds: wholeOption('duration', options.duration, 1, 3_600),
  maxAmountMinor: wholeOption('max-amount', options['max-amount'], 1, Number.MAX_SAFE_INTEGER),
});
const peer = {
  ...measured,
  ratio_to_r: ratioOf(measured.transfers_per_second, yardstick.transfers_per_second),
};
console.log(peerTable(yardstick, peer));
console.log(JSON.stringify({ yardstick, peer }));
if (!peer.money_kept || !yardstick.money_kept) process.exitCode = 1;
