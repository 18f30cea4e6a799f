/** Wallets and the fields that pick one or take an amount (components/wallet-card.tsx, wallet-fields.tsx). */
export const wallets = {
  walletOf: '{{currency}} wallet',
  default: 'Default',
  status: { active: 'Active', frozen: 'Frozen', closed: 'Closed' },
  stopped: {
    frozen: 'This wallet is frozen: no money can move in or out.',
    closed: 'This wallet is closed: no money can move in or out.',
  },
  main: 'Main',
  savings: 'Savings',
  held: 'Held in escrow',
  amount: 'Amount',
  amountLabel: '{{label}} ({{currency}})',
  amountHint: 'Such as {{example}}.',
  amountHintWhole: 'Whole {{currency}}, such as {{example}}.',
  fromWallet: 'From wallet',
  onlyWallet: '{{label}}: <strong>{{wallet}}</strong>, {{available}} available',
  walletOption: '{{currency}} {{type}} wallet — {{available}} available',
  walletOfType: '{{currency}} {{type}} wallet',
};
