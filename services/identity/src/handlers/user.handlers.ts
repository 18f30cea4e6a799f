import { identityRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { UserService } from '../services/user.service.js';

/**
 * Registration, profiles and the admin's lookups. The gateway has already decided who may
 * ask: `user_id` is the authenticated caller for update and delete, and list/get by
 * another user's field are admin routes; a recipient lookup answers a name, nothing more.
 */
export async function serveUserRequests(bus: Bus, users: UserService): Promise<void> {
  await serve(bus, identityRequests.register, (request, context) => users.register(request, context));
  await serve(bus, identityRequests.getUser, (request) => users.findUser(request));
  await serve(bus, identityRequests.updateUser, (request, context) =>
    users.updateProfile(request.user_id, request.changes, context),
  );
  await serve(bus, identityRequests.deleteUser, async (request, context) => {
    await users.deleteUser(request.user_id, request.password, context);
    return {};
  });
  await serve(bus, identityRequests.listUsers, (request) => users.listUsers(request));
  await serve(bus, identityRequests.findRecipient, (request) => users.findRecipient(request.query));
}
