import type { Catalog } from '../resources';

export const common: Catalog<'common'> = {
  appName: 'MoneyPal',
  language: 'Langue',
  languages: { en: 'English', fr: 'Français' },
};
