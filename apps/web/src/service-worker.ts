/**
 * Registers the service worker (public/sw.js), which lets the installed app open offline.
 * Production builds only: in development it would keep serving files that Vite changes.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works as before, online only.
    });
  });
}
