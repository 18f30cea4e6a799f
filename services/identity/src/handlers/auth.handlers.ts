import { identityRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { AuthService } from '../services/auth.service.js';
import type { PasswordResetService } from '../services/password-reset.service.js';

/** Login, one-time codes, refresh, logout, password resets, the token-verification keys and the ended sessions. */
export async function serveAuthRequests(
  bus: Bus,
  auth: AuthService,
  passwordResets: PasswordResetService,
): Promise<void> {
  await serve(bus, identityRequests.login, (request, context) => auth.login(request, context));
  await serve(bus, identityRequests.verifyOtp, (request) => auth.verifyOtp(request));
  await serve(bus, identityRequests.refresh, (request) => auth.refresh(request));
  await serve(bus, identityRequests.logout, async (request) => {
    await auth.logout(request);
    return {};
  });
  await serve(bus, identityRequests.requestPasswordReset, async (request, context) => {
    await passwordResets.requestReset(request.email, context);
    return {};
  });
  await serve(bus, identityRequests.resetPassword, async (request, context) => {
    await passwordResets.resetPassword(request, context);
    return {};
  });
  await serve(bus, identityRequests.keys, async () => auth.publicKeys());
  await serve(bus, identityRequests.revokedSessions, (request) => auth.revokedSessions(request.since));
}
