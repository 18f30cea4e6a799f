/** Coming back from PayPal, and following the payment until it settles (screens/payment-return.screen.tsx). */
export const paymentReturn = {
  title: 'Your payment',
  noPayment: 'This link does not name a payment, so there is nothing to complete.',
  completing: 'Completing your payment with PayPal…',
  cancelling: 'Recording that you cancelled…',
  notFound: 'We could not find this payment.',
  checkAgain: 'Check again',
  captured: {
    soon: 'PayPal completed your payment of <amount/>. Your balance will show it in a moment.',
    updating: 'Payment complete. Updating your balance…',
    added: 'Payment complete: <amount/> was added to your wallet.',
    paidProvider:
      'Payment complete: <amount/> went through your wallet to the provider. Find the invoice in Reports.',
  },
  processing: 'Completing your payment…',
  pending:
    'PayPal is still processing your payment of <amount/> (pending). We add the money as soon as PayPal confirms it — you can leave this page.',
  waiting: 'Waiting for PayPal…',
  declined:
    'PayPal declined this payment of <amount/>. No money was taken. You can try again with another way to pay.',
  cancelled: 'You cancelled this payment of <amount/> at PayPal. No money was taken.',
  expired: 'This payment of <amount/> expired before it was approved. No money was taken.',
  refunded: 'This payment of <amount/> was refunded.',
  awaitingApproval: 'This payment of <amount/> has not been approved at PayPal yet.',
  approve: 'Approve it at PayPal',
  nextSteps: 'Next steps',
  home: 'Home',
  history: 'History',
  fund: 'Add money',
};
