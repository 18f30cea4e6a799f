/** Why what a person typed is not an amount. */
export const money = {
  enterAmount: 'Enter an amount.',
  notAnAmount: 'Enter the amount in digits, such as {{example}}.',
  badGrouping: 'Group thousands in threes, or not at all, such as {{example}}.',
  noDecimals: '{{currency}} amounts have no decimals.',
  tooManyDecimals_one: '{{currency}} amounts have at most {{count}} decimal.',
  tooManyDecimals_other: '{{currency}} amounts have at most {{count}} decimals.',
  zero: 'Enter an amount greater than zero.',
  tooLarge: 'That amount is too large.',
};
