/*
 * Checked by `npm run typecheck`, never run: the generated types refuse what the API refuses,
 * so a renamed field, a wrong path or a missing header fails the build of whoever calls it.
 * Each `@ts-expect-error` fails the typecheck in turn should the types stop refusing.
 */
import { type ApiClient, createApiClient, type Schema } from '../src/index.js';

const client: ApiClient = createApiClient({ baseUrl: 'http://127.0.0.1:8080', accessToken: 'token' });
const key = '0190a6d2-7c6b-7d3e-9f10-5f2c3b4a5d6e';
const walletId = '0190a6d2-7c6b-7d3e-9f10-5f2c3b4a5d6f';

export async function checkedCalls(): Promise<void> {
  // A wrong path.
  // @ts-expect-error no such operation
  await client.GET('/v1/wallet');

  // A missing path parameter.
  // @ts-expect-error the `id` of the wallet is required
  await client.GET('/v1/wallets/{id}', {});

  // A request body with a required field renamed.
  await client.POST('/v1/transfers', {
    params: { header: { 'Idempotency-Key': key } },
    // @ts-expect-error `amount`, not `amount_minor`
    body: { from_wallet_id: walletId, to_user: 'grace', amount_minor: 1050 },
  });

  // A request that moves money without its Idempotency-Key.
  // @ts-expect-error the header is required
  await client.POST('/v1/transfers', { body: { from_wallet_id: walletId, to_user: 'grace', amount: 1050 } });

  // An amount as a string.
  await client.POST('/v1/transfers', {
    params: { header: { 'Idempotency-Key': key } },
    // @ts-expect-error amounts are integers in minor units
    body: { from_wallet_id: walletId, to_user: 'grace', amount: '10.50' },
  });

  // A query parameter the route does not take.
  // @ts-expect-error `/v1/wallets` takes `limit` and `cursor`
  await client.GET('/v1/wallets', { params: { query: { page: 2 } } });

  // The answer's fields are typed: a field the wallet does not have.
  const { data: wallet } = await client.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } });
  if (wallet !== undefined) {
    const available: number = wallet.available;
    // @ts-expect-error a wallet has `available`, not `balance`
    wallet.balance;
    void available;
  }

  // An error answer is the problem, with its code.
  const { error } = await client.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } });
  if (error !== undefined) {
    const code: string = error.code;
    // @ts-expect-error a problem has `code`, not `error_code`
    error.error_code;
    void code;
  }
}

// A named shape refuses a missing field.
// @ts-expect-error a recipient has a `display_name`
export const recipient: Schema<'Recipient'> = { user_name: 'grace' };
