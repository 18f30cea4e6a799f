import { identityRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { AuthService } from '../services/auth.service.js';

/** Login, one-time codes, refresh, logout, the token-verification keys and the ended sessions. */
export async function serveAuthRequests(bus: Bus, auth: AuthService): Promise<void> {
  await serve(bus, identityRequests.login, (request, context) => auth.login(request, context));
  await serve(bus, identityRequests.verifyOtp, (request) => auth.verifyOtp(request));
  await serve(bus, identityRequests.refresh, (request) => auth.refresh(request));
  await serve(bus, identityRequests.logout, async (request) => {
    await auth.logout(request);
    return {};
  });
  await serve(bus, identityRequests.keys, async () => auth.publicKeys());
  await serve(bus, identityRequests.revokedSessions, (request) => auth.revokedSessions(request.since));
}
