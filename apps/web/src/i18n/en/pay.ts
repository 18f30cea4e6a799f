/** Paying a provider, from the wallet, through PayPal or into escrow (screens/pay.screen.tsx). */
export const pay = {
  title: 'Pay a provider',
  lead: 'Pay someone for a service. You get an invoice.',
  refusals: {
    recipient_not_found: 'Unknown user: no MoneyPal user has that user name or email.',
    recipient_has_no_wallet: 'They have no wallet in this currency, so they cannot be paid in it.',
    wallet_not_found: 'Your wallet was not found. Reload the page and try again.',
    insufficient_funds:
      'Your wallet does not have enough money for this payment. You can pay through PayPal instead.',
    currency_mismatch:
      'The provider’s wallet holds another currency than yours, so this payment is not possible.',
    wallet_frozen: 'One of the wallets is frozen, so no money can move. Please contact support.',
  },
  recipient: 'Provider (user name or email)',
  recipientHint: 'The user name or email the provider uses on MoneyPal.',
  continue: 'Continue',
  escrow: {
    label: 'Hold the money until the job is done',
    hint: 'The money leaves your balance now but reaches the provider only when you release it. They can decline the job, and then it comes back to you.',
    returnDay: 'Give it back to me on',
    returnDayHint: 'Unless you release it before. Leave empty to hold it until you decide.',
    notADay: 'Enter a date, such as 2027-01-15.',
    notAfterToday: 'Choose a day after today.',
    later: 'Choose a later day.',
  },
  done: {
    held: '<amount/> is held for {{recipient}} until you release it. Invoice no. {{invoiceNo}} is issued.',
    heldForProvider:
      '<amount/> is held for the provider until you release it. Invoice no. {{invoiceNo}} is issued.',
    paid: 'Paid <amount/> to {{recipient}}. Invoice no. {{invoiceNo}} is issued.',
    paidProvider: 'Paid <amount/> to the provider. Invoice no. {{invoiceNo}} is issued.',
    seeHolds: 'See held payments',
    seeInvoice: 'See the invoice',
    payAnother: 'Pay someone else',
  },
  confirm: {
    heading: 'Check and confirm',
    verbHold: 'You hold',
    verbPay: 'You pay',
    heldUntilReleased: 'Held in escrow until you release it.',
    heldUntilDay:
      'Held in escrow until you release it, and given back to you on {{day}} unless released before.',
    shortForEscrow:
      'Your wallet has <available/> available, which is not enough. Money held in escrow comes from your balance: add money first.',
    shortForWallet:
      'Your wallet has <available/> available, which is not enough. Pay through PayPal instead: the money goes through your wallet to the provider.',
    contactingPayPal: 'Contacting PayPal…',
    payWithPayPal: 'Pay with PayPal',
    paying: 'Paying…',
    hold: 'Confirm and hold',
    pay: 'Confirm and pay',
    change: 'Change details',
  },
};
