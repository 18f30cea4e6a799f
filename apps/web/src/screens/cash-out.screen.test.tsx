// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, problem, type SeenRequest } from '../../test/fake-api';
import { renderApp, testUser, testWallet } from '../../test/render-app';

afterEach(cleanup);

const payout = {
  id: '0190a4c1-0000-7000-8000-0000000000c1',
  user_id: testUser.id,
  wallet_id: testWallet.id,
  amount: 2000,
  currency: 'USD',
  receiver: 'ana.paypal@example.com',
  metadata: {},
  status: 'processing',
  failure_reason: null,
  paypal_batch_id: 'QYR5Z8XDVJNXQ',
  paypal_item_id: null,
  transfer_id: '0190a4c1-0000-7000-8000-0000000000f1',
  sandbox: true,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  completed_at: null,
  released_by: null,
  release_reason: null,
};

const emptyPage = { data: [], next_cursor: null };

async function fillAndConfirm(amount: string, receiver: string) {
  fireEvent.change(await screen.findByLabelText('Amount (USD)'), { target: { value: amount } });
  fireEvent.change(screen.getByLabelText('PayPal email'), { target: { value: receiver } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Confirm and cash out' }));
}

const payoutsMade = (requests: SeenRequest[]) =>
  requests.filter((request) => request.method === 'POST' && request.path === '/v1/payouts');

describe('the cash out screen', () => {
  it('sends the payout once with an Idempotency-Key and shows its state', async () => {
    const { server } = renderApp('/cash-out', (request) => {
      if (request.method === 'POST') return json(201, payout);
      if (request.path === `/v1/payouts/${payout.id}`) return json(200, { ...payout, status: 'succeeded' });
      return json(200, emptyPage);
    });
    await fillAndConfirm('20', ' Ana.PayPal@example.com ');

    expect(await screen.findByText('PayPal paid it to ana.paypal@example.com.')).toBeTruthy();
    const made = payoutsMade(server.requests);
    expect(made).toHaveLength(1);
    expect(made[0]?.body).toEqual({
      wallet_id: testWallet.id,
      amount: 2000,
      receiver: 'Ana.PayPal@example.com',
    });
    expect(made[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the server’s refusal of the amount next to the amount field', async () => {
    renderApp('/cash-out', (request) =>
      request.method === 'POST'
        ? problem(422, 'insufficient_funds', 'the available balance is short')
        : json(200, emptyPage),
    );
    await fillAndConfirm('20', 'ana.paypal@example.com');

    expect(
      await screen.findByText('That is more than your wallet has available.', { selector: '.field-error' }),
    ).toBeTruthy();
    expect(screen.getByLabelText('Amount (USD)').getAttribute('aria-invalid')).toBe('true');
  });

  it('puts the server’s field errors next to their fields', async () => {
    renderApp('/cash-out', (request) =>
      request.method === 'POST'
        ? problem(400, 'validation_failed', 'Some details need fixing.', [
            { path: 'receiver', message: 'must be an email address' },
          ])
        : json(200, emptyPage),
    );
    await fillAndConfirm('20', 'ana@example.com');

    expect(await screen.findByText('Must be an email address.')).toBeTruthy();
    expect(screen.getByLabelText('PayPal email').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses more than the available balance before asking the server', async () => {
    const { server } = renderApp('/cash-out', () => json(200, emptyPage));
    fireEvent.change(await screen.findByLabelText('Amount (USD)'), { target: { value: '50.01' } });
    fireEvent.change(screen.getByLabelText('PayPal email'), { target: { value: 'ana@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText('That is more than your wallet has available ($50.00).')).toBeTruthy();
    expect(payoutsMade(server.requests)).toHaveLength(0);
  });
});
