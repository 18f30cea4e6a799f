import { configure, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { ApiClient } from '../src/api/client';
import { AppRoutes } from '../src/app';
import { SessionProvider } from '../src/session';
import { fakeFetch, type Handler, json, problem, tokens } from './fake-api';

// The screen tests share the machine with the database-backed suites of the same run; under
// that load a screen's first render can take longer than testing-library's default 1 s wait.
configure({ asyncUtilTimeout: 5_000 });

export const testUser = {
  id: '0190a4c1-0000-7000-8000-000000000001',
  first_name: 'Ana',
  last_name: 'Lopez',
  user_name: 'ana',
  email: 'ana@example.com',
  phone: null,
  role: 'user',
  two_factor_enabled: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

export const testWallet = {
  id: '0190a4c1-0000-7000-8000-0000000000a1',
  owner_id: testUser.id,
  type: 'personal',
  currency: 'USD',
  status: 'active',
  is_default: true,
  savings_plan_id: null,
  main: 5_000,
  savings: 0,
  available: 5_000,
  held: 0,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

/**
 * The whole app at `path` against a fake server: the session is restored by a refresh (the
 * browser's cookie), refused when `signedIn` is false; the user has one USD wallet and
 * `unreadCount()` unread messages (none by default), and `handler` answers everything else.
 */
export function renderApp(
  path: string,
  handler: Handler,
  { signedIn = true, unreadCount = () => 0 }: { signedIn?: boolean; unreadCount?: () => number } = {},
) {
  const server = fakeFetch((request) => {
    if (request.path === '/v1/auth/refresh') {
      return signedIn
        ? json(200, tokens('access-1', 'refresh-1'))
        : problem(401, 'token_invalid', 'No refresh token was given; log in.');
    }
    if (request.path === '/v1/users/me') return json(200, testUser);
    if (request.path === '/v1/wallets?limit=100') return json(200, { data: [testWallet], next_cursor: null });
    if (request.path === '/v1/notifications/unread-count') return json(200, { count: unreadCount() });
    return handler(request);
  });
  const client = new ApiClient({ fetch: server.fetch });
  const view = render(
    <SessionProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </SessionProvider>,
  );
  return { ...view, server, client };
}
