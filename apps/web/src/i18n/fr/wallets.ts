import type { Catalog } from '../catalog';

export const wallets: Catalog<'wallets'> = {
  walletOf: 'Portefeuille {{currency}}',
  default: 'Par défaut',
  status: { active: 'Actif', frozen: 'Gelé', closed: 'Fermé' },
  stopped: {
    frozen: 'Ce portefeuille est gelé : aucun argent ne peut y entrer ni en sortir.',
    closed: 'Ce portefeuille est fermé : aucun argent ne peut y entrer ni en sortir.',
  },
  main: 'Principal',
  savings: 'Épargne',
  held: 'Sous séquestre',
  amount: 'Montant',
  amountLabel: '{{label}} ({{currency}})',
  amountHint: 'Par exemple {{example}}.',
  amountHintWhole: '{{currency}} entiers, par exemple {{example}}.',
  fromWallet: 'Depuis le portefeuille',
  onlyWallet: '{{label}} : <strong>{{wallet}}</strong>, {{available}} disponibles',
  walletOption: 'Portefeuille {{currency}} {{type}} — {{available}} disponibles',
  walletOfType: 'Portefeuille {{currency}} {{type}}',
};
