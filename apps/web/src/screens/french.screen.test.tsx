// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../test/fake-api';
import { renderApp, testWallet } from '../../test/render-app';
import { i18n } from '../i18n';

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await i18n.changeLanguage('en');
});

const deposit = {
  id: '0190a4c1-0000-7000-8000-0000000000d1',
  type: 'deposit',
  status: 'posted',
  amount: 123_456,
  currency: 'USD',
  description: 'Salaire',
  metadata: {},
  from_wallet_id: null,
  to_wallet_id: testWallet.id,
  initiator_id: testWallet.owner_id,
  created_at: '2026-03-05T10:00:00Z',
};

describe('the app in French', () => {
  it('logs in in French, and says what is missing in French', async () => {
    renderApp('/login', () => json(404, {}), { signedIn: false });
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Saisissez votre nom d’utilisateur ou votre e-mail.')).toBeTruthy();
    expect(screen.getByText('Saisissez votre mot de passe.')).toBeTruthy();
    expect(document.title).toBe('Connexion · MoneyPal');
  });

  it('writes balances, movements and dates on the home screen the French way', async () => {
    renderApp('/', ({ path }) =>
      path.startsWith('/v1/transactions')
        ? json(200, { data: [deposit], next_cursor: null })
        : json(200, { data: [], next_cursor: null }),
    );
    expect(await screen.findByRole('heading', { name: 'Bonjour, Ana' })).toBeTruthy();
    // 50.00 USD: decimal comma, the currency after the amount.
    expect(await screen.findByText('50,00 $US')).toBeTruthy();
    expect(await screen.findByText('Argent ajouté')).toBeTruthy();
    // 1,234.56 USD in: thousands grouped by a narrow space.
    expect(
      screen.getByText('+1 234,56 $US', { normalizer: (text) => text.replace(/\s/g, ' ') }),
    ).toBeTruthy();
    expect(screen.getByText(/^5 mars 2026/)).toBeTruthy();
    expect(screen.queryByText('Your wallets')).toBeNull();
  });

  it('switches back to English at once from the login screen, and remembers it', async () => {
    renderApp('/login', () => json(404, {}), { signedIn: false });
    fireEvent.change(await screen.findByLabelText('Langue'), { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeTruthy();
    expect(localStorage.getItem('moneypal.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
