// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, problem, type SeenRequest } from '../../test/fake-api';
import { renderApp, testUser, testWallet } from '../../test/render-app';
import { startOfLocalDay } from '../dates';

afterEach(cleanup);

const heldInvoice = {
  id: '0190a4c1-0000-7000-8000-0000000000d1',
  invoice_no: 7,
  payer_id: testUser.id,
  payee_id: '0190a4c1-0000-7000-8000-000000000002',
  amount: 1200,
  currency: 'USD',
  description: 'Kitchen tiling',
  status: 'held',
  payment_id: null,
  transfer_id: null,
  issued_at: '2026-01-02T00:00:00Z',
  paid_at: null,
  refunded_at: null,
  refunded_amount: 0,
  updated_at: '2026-01-02T00:00:00Z',
  hold_id: '0190a4c1-0000-7000-8000-0000000000e1',
  amount_paid: null,
};

async function fillEscrow(amount: string, returnDay: string) {
  fireEvent.change(await screen.findByLabelText('Provider (user name or email)'), {
    target: { value: 'bob' },
  });
  fireEvent.change(screen.getByLabelText('Amount (USD)'), { target: { value: amount } });
  fireEvent.click(screen.getByLabelText('Hold the money until the job is done'));
  fireEvent.change(screen.getByLabelText(/Give it back to me on/), { target: { value: returnDay } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

const bills = (requests: SeenRequest[]) => requests.filter((request) => request.path === '/v1/bills');

describe('paying a provider into escrow', () => {
  it('sends the bill with escrow and the return day, and says the money is held', async () => {
    const { server } = renderApp('/pay', () =>
      json(201, { invoice: heldInvoice, transfer_id: heldInvoice.hold_id }),
    );
    await fillEscrow('12', '2099-01-15');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and hold' }));

    expect(await screen.findByText(/is held for bob until you release it/)).toBeTruthy();
    expect(bills(server.requests)[0]?.body).toEqual({
      to_user: 'bob',
      amount: 1200,
      wallet_id: testWallet.id,
      escrow: true,
      expires_at: startOfLocalDay('2099-01-15'),
    });
  });

  it('refuses a return day that is not after today before asking the server', async () => {
    const { server } = renderApp('/pay', () => json(500, {}));
    await fillEscrow('12', '2020-01-01');

    expect(await screen.findByText('Choose a day after today.')).toBeTruthy();
    expect(bills(server.requests)).toHaveLength(0);
  });

  it('does not offer PayPal for escrow when the wallet is short', async () => {
    renderApp('/pay', () => problem(500, 'internal', 'unexpected'));
    await fillEscrow('60', '');

    expect(await screen.findByText(/Money held in escrow comes from your balance/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pay with PayPal' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Confirm and hold' })).toBeNull();
  });
});
