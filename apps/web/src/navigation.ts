/** Where a signed-out person goes back to after logging in, if it is a path of this app. */
export function nextPathOf(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
