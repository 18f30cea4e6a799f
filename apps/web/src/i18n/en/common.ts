/** Words every screen shares. */
export const common = {
  appName: 'MoneyPal',
  language: 'Language',
  languages: { en: 'English', fr: 'Français' },
};
