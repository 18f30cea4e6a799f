/** Payments held in escrow, from the payer's and the payee's side (screens/holds.screen.tsx). */
export const holds = {
  title: 'Held payments',
  lead: 'Money held in escrow until a job is done. The payer releases it; the provider may decline it.',
  dispute: {
    heading: 'Not happy with a job?',
    text: 'Do not release the money. Write to MoneyPal support with the payment’s reference: support settles disputes and can give the money back to you or release it to the provider.',
  },
  payer: {
    heading: 'Payments you hold',
    loading: 'Loading payments you hold…',
    none: 'None. Choose “Hold the money until the job is done” when you pay a provider.',
    loadingMore: 'Loading more payments you hold…',
    loadMore: 'Load more payments you hold',
    untitled: 'Payment to a provider',
  },
  payee: {
    heading: 'Payments held for you',
    loading: 'Loading payments held for you…',
    none: 'None yet.',
    loadingMore: 'Loading more payments held for you…',
    loadMore: 'Load more payments held for you',
    untitled: 'Payment for you',
  },
  statuses: {
    held: 'Held',
    captured: 'Released',
    voided: 'Returned',
    expired: 'Expired',
  },
  refusals: {
    hold_already_settled: 'This payment was already settled meanwhile. Reload the page to see how.',
    wallet_frozen: 'One of the wallets is frozen, so the money cannot be released. Please contact support.',
  },
  item: {
    heldOn: 'Reference {{reference}} · held <time/>',
    returnsOn: 'Goes back to the payer on <time/> unless settled before.',
    releasedOn: 'Released to the provider on <time/> unless settled before.',
    releasedAll: '<released/> released to the provider.',
    releasedPart: '<released/> released to the provider, <back/> back to the payer.',
  },
  actions: {
    lessThan: 'Enter less than {{amount}}, or release all of it.',
    working: 'Working on it…',
    decline: 'Decline the job',
    releaseAll: 'Release all',
    releasePart: 'Release part',
    amount: 'Amount to release',
    rest: 'The rest goes back to your balance.',
    release: 'Release this amount',
  },
};
