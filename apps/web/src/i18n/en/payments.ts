/** Where a PayPal payment stands (payments.ts). */
export const payments = {
  list: {
    moneyAdded: 'Money added with PayPal',
    providerPaid: 'Provider paid with PayPal',
    approve: 'Approve it at PayPal',
  },
  phases: {
    'awaiting-approval': 'Waiting for approval',
    processing: 'Completing',
    pending: 'Pending',
    captured: 'Completed',
    declined: 'Declined',
    cancelled: 'Cancelled',
    expired: 'Expired',
    'partially-refunded': 'Partly refunded',
    refunded: 'Refunded',
  },
};
