/** The home screen (screens/home.screen.tsx). */
export const home = {
  title: 'Hello, {{firstName}}',
  wallets: 'Your wallets',
  lookAgain: 'Look again',
  quickActions: {
    label: 'Quick actions',
    fund: 'Add money',
    pay: 'Pay a provider',
    send: 'Send money',
    cashOut: 'Cash out',
    savings: 'Savings',
  },
  activity: {
    heading: 'Recent activity',
    loading: 'Loading recent activity…',
    nothingYet: 'Nothing yet.',
    empty: 'Nothing yet. Money you add, send or receive shows up here.',
    seeAll: 'See all your history',
  },
};
