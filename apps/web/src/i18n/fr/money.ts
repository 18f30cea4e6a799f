import type { Catalog } from '../catalog';

export const money: Catalog<'money'> = {
  enterAmount: 'Saisissez un montant.',
  notAnAmount: 'Saisissez le montant en chiffres, par exemple {{example}}.',
  badGrouping: 'Groupez les milliers par trois, ou pas du tout, par exemple {{example}}.',
  noDecimals: 'Les montants en {{currency}} n’ont pas de décimales.',
  tooManyDecimals_one: 'Les montants en {{currency}} ont au plus {{count}} décimale.',
  tooManyDecimals_other: 'Les montants en {{currency}} ont au plus {{count}} décimales.',
  zero: 'Saisissez un montant supérieur à zéro.',
  tooLarge: 'Ce montant est trop élevé.',
};
