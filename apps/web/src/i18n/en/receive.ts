/** The receive screen (payment link and QR code), and a payment link opened on the send screen. */
export const receive = {
  nav: 'Receive',
  title: 'Receive money',
  lead: 'Share your payment link, or let them scan its QR code: it opens MoneyPal’s send screen with you as the recipient.',
  loadingWallets: 'Loading your wallets…',
  amount: 'Amount to ask for',
  note: 'Note',
  noteHint: 'They see it on their send screen, and with the payment.',
  linkHeading: 'Your payment link',
  linkLabel: 'Payment link',
  linkHint: 'Anyone with a MoneyPal account can pay you with it; they still check and confirm the payment.',
  copy: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'This browser did not let us copy. Select the link and copy it yourself.',
  qrLabel: 'QR code of your payment link',
  qrHint: 'Scanning it with a phone’s camera opens the link.',
  qrTooLong: 'The link is too long for a QR code: shorten the note, or share the link itself.',
  link: {
    heading: 'From a payment link',
    filled:
      'The details below come from a payment link. Check them before you continue: nothing is sent until you confirm.',
    ignored_one: 'One value in the link was not valid and was left out: {{fields}}.',
    ignored_other: 'Some values in the link were not valid and were left out: {{fields}}.',
    fields: { to: 'the recipient', amount: 'the amount', note: 'the note' },
  },
};
