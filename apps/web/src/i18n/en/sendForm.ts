/** The form and summary of a transfer or a payment to a provider (components/send-form.tsx). */
export const sendForm = {
  recent: 'Recent',
  note: 'Note',
  noteHint: 'They see it with the payment.',
  largeAmount: 'This is a large amount: check that no extra digit slipped in before you confirm.',
  to: 'To',
  from: 'From',
  fromWallet: 'Your {{currency}} wallet (<available/> available)',
};
