// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { attachmentNameOf } from '../api/client';

afterEach(cleanup);

const transactionRequests = (requests: readonly { path: string }[]) =>
  requests
    .filter((request) => request.path.startsWith('/v1/transactions'))
    .map((request) => Object.fromEntries(new URL(request.path, 'http://app').searchParams));

describe('history search', () => {
  it('asks for the history of a person, a note and an amount range, amounts in minor units', async () => {
    const { server } = renderApp('/history?person=%40grace&note=rent&min=10&max=25.5', () =>
      json(200, { data: [], next_cursor: null }),
    );
    expect(await screen.findByText('No transactions match these filters.')).toBeTruthy();
    expect(transactionRequests(server.requests)).toEqual([
      { counterparty: '@grace', q: 'rent', min_amount: '1000', max_amount: '2550', limit: '20' },
    ]);
  });

  it('refuses an amount that is not one, and a smallest amount above the largest, asking nothing', async () => {
    const { server } = renderApp('/history', () => json(200, { data: [], next_cursor: null }));
    await screen.findByText('No transactions match these filters.');
    const asked = transactionRequests(server.requests).length;
    fireEvent.change(screen.getByLabelText('Min amount (USD)'), { target: { value: 'ten' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText(/Enter an amount in digits/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Min amount (USD)'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Max amount (USD)'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('The min amount must not be above the max amount.')).toBeTruthy();
    expect(transactionRequests(server.requests)).toHaveLength(asked);
  });

  it('reads the file name of an attachment, and no name that is not a plain one', () => {
    expect(attachmentNameOf('attachment; filename="moneypal-statement-2026-11.pdf"')).toBe(
      'moneypal-statement-2026-11.pdf',
    );
    expect(attachmentNameOf('attachment; filename="../../etc/passwd"')).toBeNull();
    expect(attachmentNameOf(null)).toBeNull();
  });
});
