/** An address the app has no screen for (screens/not-found.screen.tsx). */
export const notFound = {
  title: 'Page not found',
  nothingHere: 'There is no page at this address.',
  goHome: 'Go to your home page',
};
