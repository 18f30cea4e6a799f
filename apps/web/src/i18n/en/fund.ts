/** Adding money with PayPal (screens/fund.screen.tsx). */
export const fund = {
  title: 'Add money',
  lead: 'Add money to your wallet with PayPal. You approve the payment on PayPal’s page.',
  payments: {
    heading: 'Your recent PayPal payments',
    admin: 'As an administrator, you see every user’s payments here.',
    loading: 'Loading your payments…',
    none: 'No PayPal payments yet.',
  },
  redirecting: 'Taking you to PayPal to approve <amount/>…',
  noApprovalPage: 'PayPal gave no approval page for this payment.',
  startAgain: 'Start again',
  continue: 'Continue to PayPal',
  contacting: 'Contacting PayPal…',
  toWallet: 'To wallet',
  walletNotFound: 'That wallet was not found. Reload the page and try again.',
  large: {
    heading: 'Is this amount right?',
    warning:
      'You are about to add <amount/> to your wallet. That is a large amount: check that no extra digit slipped in.',
    confirm: 'Yes, add <amount/>',
    change: 'Change the amount',
  },
};
