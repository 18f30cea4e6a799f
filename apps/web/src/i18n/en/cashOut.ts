/** Cashing out to a PayPal account, and the state of each cash out (screens/cash-out.screen.tsx). */
export const cashOut = {
  title: 'Cash out',
  lead: 'Send money from your wallet to a PayPal account.',
  amountRefusals: {
    insufficient_funds: 'That is more than your wallet has available.',
    limit_exceeded: 'That goes over your wallet’s daily limit for cashing out. Try a smaller amount.',
  },
  walletFrozen: 'Your wallet is frozen, so no money can leave it. Please contact support.',
  statuses: {
    pending: 'Waiting for PayPal',
    processing: 'With PayPal',
    unclaimed: 'Waiting to be claimed',
    succeeded: 'Paid',
    failed: 'Failed',
    returned: 'Returned',
  },
  meanings: {
    pending:
      'The money has left your wallet. PayPal could not be reached yet; we keep trying, and it is never paid twice.',
    processing: 'The money has left your wallet and PayPal is paying it.',
    unclaimed_one:
      'The PayPal account does not exist yet. PayPal gives the money back after {{count}} day unless it is claimed.',
    unclaimed_other:
      'The PayPal account does not exist yet. PayPal gives the money back after {{count}} days unless it is claimed.',
    succeeded: 'PayPal paid it to {{receiver}}.',
    refused: 'It was refused before any money left your wallet.',
    failed: 'PayPal could not pay it. The money is back in your wallet.',
    returned: 'Nobody claimed it at PayPal. The money is back in your wallet.',
  },
  moreThanAvailable: 'That is more than your wallet has available ({{available}}).',
  receiverInvalid: 'Enter the email address of a PayPal account.',
  receiver: 'PayPal email',
  receiverHint: 'The email address of the PayPal account that gets the money.',
  continue: 'Continue',
  confirm: {
    heading: 'Check and confirm',
    verb: 'You cash out',
    account: 'PayPal account {{receiver}}',
    hint: 'The money leaves your wallet at once. If PayPal cannot pay it, it comes back.',
    sending: 'Cashing out…',
    send: 'Confirm and cash out',
    change: 'Change details',
  },
  state: {
    heading: 'Cash out of <amount/> to {{receiver}}:',
    more: 'Cash out more',
  },
  list: {
    heading: 'Your cash outs',
    loading: 'Loading your cash outs…',
    none: 'No cash outs yet.',
    to: 'To {{receiver}}',
    loadingMore: 'Loading more cash outs…',
    loadMore: 'Load more cash outs',
  },
};
