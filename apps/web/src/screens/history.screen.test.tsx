// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../test/fake-api';
import { renderApp, testWallet } from '../../test/render-app';
import { startOfLocalDay } from '../dates';

afterEach(cleanup);

function transfer(id: string, amount: number, description: string) {
  return {
    id: `0190a4c1-0000-7000-8000-0000000000${id}`,
    type: 'payment',
    status: 'posted',
    amount,
    currency: 'USD',
    description,
    metadata: {},
    from_wallet_id: testWallet.id,
    to_wallet_id: '0190a4c1-0000-7000-8000-0000000000b2',
    initiator_id: testWallet.owner_id,
    created_at: '2026-01-15T10:00:00Z',
  };
}

describe('the history screen', () => {
  it('asks for the filtered history, whole local days included, and loads further pages on request', async () => {
    const { server } = renderApp(
      '/history?from=2026-01-01&to=2026-01-31&type=payment&direction=out',
      ({ path }) => {
        const query = new URL(path, 'http://app').searchParams;
        return query.get('cursor') === 'page-2'
          ? json(200, { data: [transfer('e2', 250, 'Piano lesson')], next_cursor: null })
          : json(200, { data: [transfer('e1', 1999, 'Garden work')], next_cursor: 'page-2' });
      },
    );

    expect(await screen.findByText('Garden work')).toBeTruthy();
    expect(screen.getByText('-$19.99')).toBeTruthy();
    const first = new URL(
      server.requests.find((request) => request.path.startsWith('/v1/transactions'))!.path,
      'http://app',
    );
    expect(Object.fromEntries(first.searchParams)).toEqual({
      from: startOfLocalDay('2026-01-01'),
      to: startOfLocalDay('2026-02-01'),
      type: 'payment',
      direction: 'out',
      limit: '20',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Load more transactions' }));
    expect(await screen.findByText('Piano lesson')).toBeTruthy();
    expect(screen.getByText('Garden work')).toBeTruthy();
    expect(screen.getByText('That is all.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more transactions' })).toBeNull();
  });

  it('refuses a start date after the end date', async () => {
    renderApp('/history', () => json(200, { data: [], next_cursor: null }));
    fireEvent.change(await screen.findByLabelText('From'), { target: { value: '2026-02-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByText('The start date must not be after the end date.')).toBeTruthy();
  });
});
