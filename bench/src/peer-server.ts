import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The thin peer that bench:transfers compares MoneyPal with (see peer.ts): pgledger, a ledger
 * written in PL/pgSQL, behind the least HTTP server that exposes it. `POST /transfers` with
 * `{from_account_id, to_account_id, amount}` calls `pgledger_create_transfer` once on a pooled
 * connection and answers 201 with the transfer's id, or 422 with PostgreSQL's error code when
 * pgledger refuses (a balance that would go negative). No authentication, no idempotency, no
 * events: what a transfer costs when nothing else is asked of it. Its own process, as the
 * gateway is, started by the bench with the database, port and pool size as arguments.
 */
const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    port: { type: 'string' },
    pool: { type: 'string', default: '32' },
  },
});
if (options['database-url'] === undefined || options.port === undefined) {
  throw new Error('peer-server needs --database-url and --port');
}

const pool = new pg.Pool({ connectionString: options['database-url'], max: Number(options.pool) });
const server = Fastify();

server.post<{ Body: { from_account_id: string; to_account_id: string; amount: number } }>(
  '/transfers',
  {
    schema: {
      body: {
        type: 'object',
        required: ['from_account_id', 'to_account_id', 'amount'],
        additionalProperties: false,
        properties: {
          from_account_id: { type: 'string' },
          to_account_id: { type: 'string' },
          amount: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
  async (request, reply) => {
    const { from_account_id, to_account_id, amount } = request.body;
    try {
      const { rows } = await pool.query<{ id: string }>({
        name: 'create_transfer',
        text: 'select id from pgledger_create_transfer($1, $2, $3)',
        values: [from_account_id, to_account_id, amount],
      });
      return reply.code(201).send({ id: rows[0]!.id });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === undefined) throw error;
      return reply.code(422).send({ code });
    }
  },
);

await server.listen({ port: Number(options.port), host: '127.0.0.1' });
process.send?.('ready');
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
