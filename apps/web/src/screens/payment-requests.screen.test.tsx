// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, json, problem, type SeenRequest } from '../../test/fake-api';
import { renderApp, testUser, testWallet } from '../../test/render-app';
import type { PaymentRequest } from '../api/types';

afterEach(cleanup);

const bob = { id: '0190a4c1-0000-7000-8000-0000000000b0', name: 'Bob Brown', handle: 'bob' };

/** Bob asks Ana (the signed-in user) for 25.00. */
const incoming: PaymentRequest = {
  id: '0190a4c1-0000-7000-8000-0000000000c1',
  status: 'pending',
  requester_id: bob.id,
  payer_id: testUser.id,
  requester_name: bob.name,
  requester_handle: bob.handle,
  payer_name: 'Ana Lopez',
  payer_handle: testUser.user_name,
  to_wallet_id: '0190a4c1-0000-7000-8000-0000000000b2',
  amount: 2_500,
  currency: 'USD',
  description: 'Concert tickets',
  expires_at: '2026-02-01T00:00:00Z',
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  from_wallet_id: null,
  transfer_id: null,
  paid_at: null,
  closed_at: null,
  decline_reason: null,
};

const paid: PaymentRequest = {
  ...incoming,
  status: 'paid',
  from_wallet_id: testWallet.id,
  transfer_id: '0190a4c1-0000-7000-8000-0000000000f1',
  paid_at: '2026-01-02T01:00:00Z',
};

/** The lists and actions of the requests screen; `onPay` answers a pay. */
function requestsServer(onPay: () => Response, state = { current: incoming }): Handler {
  return (request) => {
    if (request.path.startsWith('/v1/payment-requests?direction=incoming')) {
      return json(200, { data: [state.current], next_cursor: null });
    }
    if (request.path.startsWith('/v1/payment-requests?direction=outgoing')) {
      return json(200, { data: [], next_cursor: null });
    }
    if (request.method === 'POST' && request.path === `/v1/payment-requests/${incoming.id}/pay`) {
      const answer = onPay();
      if (answer.status === 200) state.current = paid;
      return answer;
    }
    if (request.method === 'POST' && request.path === `/v1/payment-requests/${incoming.id}/decline`) {
      state.current = { ...incoming, status: 'declined', decline_reason: 'Already paid in cash' };
      return json(200, state.current);
    }
    return problem(404, 'not_found', 'no such path');
  };
}

const pays = (requests: SeenRequest[]) => requests.filter((request) => request.path.endsWith('/pay'));

describe('the payment requests screen', () => {
  it('confirms who and how much before paying, then pays once with an Idempotency-Key', async () => {
    const { server } = renderApp(
      '/requests',
      requestsServer(() => json(200, paid)),
    );
    const item = await screen.findByRole('listitem', { name: /Concert tickets/ });
    expect(within(item).getByText('From Bob Brown (@bob)')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Pay' }));

    const confirm = await screen.findByRole('region', { name: 'Check and pay' });
    expect(within(confirm).getByText('Bob Brown (@bob)')).toBeTruthy();
    expect(within(confirm).getByText('$25.00')).toBeTruthy();
    expect(pays(server.requests)).toEqual([]);

    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm and pay' }));
    expect(await screen.findByText('You paid $25.00 to Bob Brown (@bob).')).toBeTruthy();
    const sent = pays(server.requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ from_wallet_id: testWallet.id });
    expect(sent[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the ledger’s refusal in plain words and leaves the request to pay again', async () => {
    renderApp(
      '/requests',
      requestsServer(() => problem(422, 'insufficient_funds', 'the wallet holds less')),
    );
    const item = await screen.findByRole('listitem', { name: /Concert tickets/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Pay' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and pay' }));
    expect(
      await screen.findByText('Your wallet does not have enough money to pay this request.'),
    ).toBeTruthy();
  });

  it('declines with a reason after a confirmation naming the requester and the amount', async () => {
    const { server } = renderApp(
      '/requests',
      requestsServer(() => json(200, paid)),
    );
    const item = await screen.findByRole('listitem', { name: /Concert tickets/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Decline' }));
    expect(await screen.findByText('Bob Brown (@bob) asks you for $25.00.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: ' Already paid in cash ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and decline' }));
    expect(await screen.findByText('You declined the request.')).toBeTruthy();
    const declines = server.requests.filter((request) => request.path.endsWith('/decline'));
    expect(declines.map((request) => request.body)).toEqual([{ reason: 'Already paid in cash' }]);
    expect(await screen.findByText('Their reason: Already paid in cash')).toBeTruthy();
    expect(pays(server.requests)).toEqual([]);
  });
});

describe('the request money screen', () => {
  const lookups: Handler = (request) => {
    const lookup = /^\/v1\/recipients\?query=(.*)$/.exec(request.path);
    if (lookup !== null) {
      return decodeURIComponent(lookup[1]!) === 'bob'
        ? json(200, { display_name: bob.name, user_name: bob.handle })
        : problem(404, 'recipient_not_found', 'nobody', [{ path: 'query', message: 'names nobody' }]);
    }
    if (request.method === 'POST' && request.path === '/v1/payment-requests') {
      return json(201, { ...incoming, requester_id: testUser.id, payer_id: bob.id });
    }
    return problem(404, 'not_found', 'no such path');
  };
  const payerLabel = 'From (user name, email or phone)';

  it('refuses nobody and yourself on the field, and sends nothing', async () => {
    const { server } = renderApp('/request', lookups);
    fireEvent.change(await screen.findByLabelText(payerLabel), { target: { value: 'nobody' } });
    fireEvent.change(screen.getByLabelText('Amount (USD)'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    expect(
      await screen.findByText('Unknown user: no MoneyPal user has that user name, email or phone.'),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText(payerLabel), { target: { value: testUser.email } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    expect(
      await screen.findByText('That is you. Enter the user name, email or phone of someone else.'),
    ).toBeTruthy();
    expect(server.requests.filter((request) => request.path === '/v1/payment-requests')).toEqual([]);
  });

  it('asks the person looked up, into my wallet, with the note', async () => {
    const { server } = renderApp('/request', lookups);
    fireEvent.change(await screen.findByLabelText(payerLabel), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('Amount (USD)'), { target: { value: '25' } });
    fireEvent.change(screen.getByLabelText(/Note/), { target: { value: ' Concert tickets ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    expect(
      await screen.findByText(/Your request for \$25\.00 was sent to Bob Brown \(@bob\)\./),
    ).toBeTruthy();
    const created = server.requests.filter((request) => request.path === '/v1/payment-requests');
    expect(created.map((request) => request.body)).toEqual([
      { from_user: 'bob', to_wallet_id: testWallet.id, amount: 2_500, description: 'Concert tickets' },
    ]);
  });
});
