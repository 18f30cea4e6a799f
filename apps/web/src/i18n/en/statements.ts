/** History search, statements and receipts. */
export const statements = {
  search: {
    person: 'Person',
    personHint: 'A name or @user name',
    note: 'Note contains',
    minAmount: 'Min amount',
    maxAmount: 'Max amount',
    amountInvalid: 'Enter an amount in digits, such as {{example}}.',
    rangeInvalid: 'The min amount must not be above the max amount.',
  },
  statement: {
    heading: 'Statement',
    intro:
      'Every movement of a month with the balance before and after, to keep or to open in a spreadsheet.',
    month: 'Month',
    monthHint: 'Year and month, such as {{example}}',
    monthInvalid: 'Choose a month, such as {{example}}.',
    format: 'Format',
    formats: { pdf: 'PDF', csv: 'CSV (spreadsheet)' },
    download: 'Download statement',
    preparing: 'Preparing your statement…',
    saved: 'Your statement was saved as {{filename}}.',
    failed: 'Your statement could not be downloaded. {{detail}}',
  },
  receipt: {
    download: 'Download receipt',
    preparing: 'Preparing your receipt…',
    saved: 'Your receipt was saved as {{filename}}.',
    failed: 'Your receipt could not be downloaded. {{detail}}',
  },
};
