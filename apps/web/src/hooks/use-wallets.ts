import { useEffect, useRef } from 'react';
import { listWallets } from '../api/ledger';
import type { Wallet } from '../api/types';
import { useClient } from '../session';
import { useResource } from './use-resource';

/** How often, and how many times, to look again while a new user's first wallet is being opened. */
const firstWalletPollMs = 1_000;
const firstWalletPolls = 10;

/**
 * The user's wallets. A user's first wallet is opened by the ledger just after registration,
 * so an empty list is asked for again a few times before it is believed.
 */
export function useWallets() {
  const client = useClient();
  const wallets = useResource('wallets', (signal) => listWallets(client, signal).then((page) => page.data));
  const polls = useRef(0);
  const { state, reload } = wallets;

  useEffect(() => {
    if (state.status !== 'ready' || state.data.length > 0 || polls.current >= firstWalletPolls) return;
    polls.current += 1;
    const timer = setTimeout(reload, firstWalletPollMs);
    return () => clearTimeout(timer);
  }, [state, reload]);

  return wallets;
}

/** The wallet a form starts with: the default one, else the first. */
export function defaultWalletOf(wallets: readonly Wallet[]): Wallet | undefined {
  return wallets.find((wallet) => wallet.is_default) ?? wallets[0];
}

export function walletIdsOf(wallets: readonly Wallet[]): ReadonlySet<string> {
  return new Set(wallets.map((wallet) => wallet.id));
}
