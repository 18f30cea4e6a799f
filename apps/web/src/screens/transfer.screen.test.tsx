// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, json, problem, type SeenRequest } from '../../test/fake-api';
import { renderApp, testUser, testWallet } from '../../test/render-app';

afterEach(cleanup);

const transferResult = {
  transfer: {
    id: '0190a4c1-0000-7000-8000-0000000000f1',
    type: 'transfer',
    status: 'posted',
    amount: 1250,
    currency: 'USD',
    description: null,
    metadata: {},
    from_wallet_id: testWallet.id,
    to_wallet_id: '0190a4c1-0000-7000-8000-0000000000b2',
    initiator_id: testWallet.owner_id,
    created_at: '2026-01-02T00:00:00Z',
  },
  balance: {
    wallet_id: testWallet.id,
    currency: 'USD',
    main: 3750,
    savings: 0,
    available: 3750,
    as_of: '2026-01-02T00:00:00Z',
  },
};

/** The users the fake server knows by exact handle; any other recipient is nobody. */
const people: Record<string, string> = {
  bob: 'Bob Brown',
  carla: 'Carla Diaz',
  eve: 'Eve Evans',
  ana: 'Ana Lopez',
};

/** Answers recipient lookups from `people`, and everything else with `handler`. */
function withRecipients(handler: Handler): Handler {
  return (request) => {
    // The people paid lately, offered under the recipient field: Carla.
    if (request.method === 'GET' && request.path.startsWith('/v1/transactions?')) {
      return json(200, {
        data: [{ ...transferResult.transfer, to_name: people.carla, to_handle: 'carla' }],
        next_cursor: null,
      });
    }
    const lookup = /^\/v1\/recipients\?query=(.*)$/.exec(request.path);
    if (lookup === null) return handler(request);
    const handle = decodeURIComponent(lookup[1]!);
    const name = people[handle];
    return name === undefined
      ? problem(404, 'recipient_not_found', 'nobody', [{ path: 'query', message: 'names nobody' }])
      : json(200, { display_name: name, user_name: handle });
  };
}

const recipientLabel = 'To (user name, email or phone)';

async function fillAndReview(recipient: string, amount: string) {
  fireEvent.change(await screen.findByLabelText(recipientLabel), { target: { value: recipient } });
  fireEvent.change(screen.getByLabelText('Amount (USD)'), { target: { value: amount } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

const transfersIn = (requests: SeenRequest[]) =>
  requests.filter((request) => request.path === '/v1/transfers');

describe('the transfer screen', () => {
  it('shows who and how much before sending, and sends once with an Idempotency-Key', async () => {
    const { server } = renderApp(
      '/transfer',
      withRecipients(() => json(201, transferResult)),
    );
    await fillAndReview('bob', '12.5');

    expect(await screen.findByRole('heading', { name: 'Check and confirm' })).toBeTruthy();
    expect(screen.getByText('Bob Brown (@bob)')).toBeTruthy();
    expect(screen.getByText('$12.50')).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Confirm and send' });
    fireEvent.click(confirm);
    fireEvent.click(confirm);

    expect(await screen.findByText(/Sent/)).toBeTruthy();
    expect(screen.getByText('$37.50')).toBeTruthy();
    const sent = transfersIn(server.requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ from_wallet_id: testWallet.id, to_user: 'bob', amount: 1250 });
    expect(sent[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a transfer whose answer was lost with the same key, and uses a new key for the next one', async () => {
    let calls = 0;
    const { server } = renderApp(
      '/transfer',
      withRecipients(() => {
        calls += 1;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return json(201, transferResult);
      }),
    );
    await fillAndReview('bob', '12.50');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('We could not reach MoneyPal');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/Sent/);

    fireEvent.click(screen.getByRole('button', { name: 'Send more' }));
    await fillAndReview('carla', '1');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    await screen.findByText(/Sent/);

    const keys = transfersIn(server.requests).map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('offers the people paid lately, one tap filling the recipient', async () => {
    renderApp(
      '/transfer',
      withRecipients(() => json(201, transferResult)),
    );
    const recent = await screen.findByRole('button', { name: 'Carla Diaz (@carla)' });
    fireEvent.click(recent);
    expect((screen.getByLabelText(recipientLabel) as HTMLInputElement).value).toBe('carla');
    expect(recent.getAttribute('aria-pressed')).toBe('true');
  });

  it('names the recipient as it is typed, and refuses nobody, yourself and too much before confirming', async () => {
    const { server } = renderApp(
      '/transfer',
      withRecipients(() => json(201, transferResult)),
    );
    fireEvent.change(await screen.findByLabelText(recipientLabel), { target: { value: 'carla' } });
    expect((await screen.findByText('Sends to Carla Diaz (@carla)')).getAttribute('role')).toBe('status');

    await fillAndReview('nobody', '1');
    expect(
      await screen.findByText('Unknown user: no MoneyPal user has that user name, email or phone.'),
    ).toBeTruthy();
    expect(screen.getByLabelText(recipientLabel).getAttribute('aria-invalid')).toBe('true');

    await fillAndReview(testUser.email.toUpperCase(), '1');
    expect(await screen.findByText(/That is you\. Enter/)).toBeTruthy();

    await fillAndReview('bob', '50.01');
    expect(await screen.findByText('That is more than the $50.00 available in this wallet.')).toBeTruthy();
    expect(screen.getByLabelText('Amount (USD)').getAttribute('aria-invalid')).toBe('true');

    expect(screen.queryByRole('heading', { name: 'Check and confirm' })).toBeNull();
    expect(transfersIn(server.requests)).toHaveLength(0);
  });

  it('puts the server’s refusal of an unknown recipient next to the recipient field', async () => {
    renderApp(
      '/transfer',
      withRecipients(() =>
        problem(404, 'recipient_not_found', 'no such user', [{ path: 'to_user', message: 'names nobody' }]),
      ),
    );
    await fillAndReview('bob', '1');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Unknown user');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    const recipient = screen.getByLabelText(recipientLabel);
    expect(recipient.getAttribute('aria-invalid')).toBe('true');
    const described = recipient.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'Unknown user: no MoneyPal user has that user name, email or phone.',
    );
  });

  it('says a recipient without a wallet in the currency cannot receive it', async () => {
    renderApp(
      '/transfer',
      withRecipients(() =>
        problem(404, 'recipient_has_no_wallet', 'the user has no USD wallet to receive money', [
          { path: 'to_user', message: 'has no USD wallet' },
        ]),
      ),
    );
    await fillAndReview('eve', '1');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no wallet in this currency');
  });

  it('says in plain words that the wallet is short, next to the amount', async () => {
    renderApp(
      '/transfer',
      withRecipients(() => problem(422, 'insufficient_funds', 'the available balance is 5000')),
    );
    await fillAndReview('bob', '49');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your wallet does not have enough money for this transfer.',
    );
    const amount = screen.getByLabelText('Amount (USD)');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    const described = amount.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'Your wallet does not have enough money for this transfer.',
    );
  });

  it('puts the server’s field errors next to their fields', async () => {
    renderApp(
      '/transfer',
      withRecipients(() =>
        problem(400, 'validation_failed', 'the body is not valid', [
          { path: 'to_user', message: 'must be at most 254 characters' },
        ]),
      ),
    );
    await fillAndReview('bob', '1');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    const recipient = await screen.findByLabelText(recipientLabel);
    expect(recipient.getAttribute('aria-invalid')).toBe('true');
    const described = recipient.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'Must be at most 254 characters.',
    );
  });

  it('checks the amount before asking the server', async () => {
    const { server } = renderApp(
      '/transfer',
      withRecipients(() => json(201, transferResult)),
    );
    await fillAndReview('bob', '12.345');
    expect(await screen.findByText('USD amounts have at most 2 decimals.')).toBeTruthy();
    expect(screen.getByLabelText('Amount (USD)').getAttribute('aria-invalid')).toBe('true');
    expect(transfersIn(server.requests)).toHaveLength(0);
  });
});
