// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, problem } from '../../test/fake-api';
import { renderApp, testUser } from '../../test/render-app';

afterEach(cleanup);

const messageOf = (id: string, subject: string, readAt: string | null) => ({
  id,
  user_id: testUser.id,
  channel: 'email',
  to: testUser.email,
  template: 'payment_received',
  subject,
  body: `Hello Ana,\n\n${subject}.`,
  status: 'sent',
  attempts: 1,
  provider_id: null,
  error: null,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  sent_at: '2026-01-02T00:00:00Z',
  read_at: readAt,
});

/** A fake inbox of two messages, one unread, that marks them read as the app asks. */
function inbox({ failReads = false } = {}) {
  const messages = [
    messageOf('0190a4c1-0000-7000-8000-0000000000e2', 'You received USD 12.50 from bob', null),
    messageOf('0190a4c1-0000-7000-8000-0000000000e1', 'Welcome to MoneyPal, Ana', '2026-01-01T00:00:00Z'),
  ];
  const unread = () => messages.filter((message) => message.read_at === null).length;
  const handler = (request: { method: string; path: string }) => {
    if (request.path.startsWith('/v1/notifications?'))
      return json(200, { data: messages, next_cursor: null });
    const read = /^\/v1\/notifications\/([^/]+)\/read$/.exec(request.path);
    if (request.method === 'POST' && read !== null) {
      if (failReads) return problem(503, 'unavailable', 'The service did not answer in time.');
      const message = messages.find((candidate) => candidate.id === read[1])!;
      message.read_at ??= '2026-01-03T00:00:00Z';
      return json(200, message);
    }
    if (request.method === 'POST' && request.path === '/v1/notifications/read') {
      const marked = unread();
      for (const message of messages) message.read_at ??= '2026-01-03T00:00:00Z';
      return json(200, { marked_read: marked });
    }
    return problem(404, 'not_found', 'Nothing here.');
  };
  return [handler, { unreadCount: unread }] as const;
}

describe('the inbox', () => {
  it('counts the unread message on the bell, and opening it marks it read and clears the count', async () => {
    const { server } = renderApp('/notifications', ...inbox());
    expect(await screen.findByRole('link', { name: 'Notifications, 1 unread' })).toBeTruthy();
    expect(await screen.findByText('You have 1 unread message.')).toBeTruthy();
    expect(screen.getByText('(Unread)', { exact: false })).toBeTruthy();

    const subject = screen.getByText('You received USD 12.50 from bob', { selector: '.item-title' });
    const details = subject.closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));

    expect(await screen.findByRole('link', { name: 'Notifications, none unread' })).toBeTruthy();
    expect(await screen.findByText('All your messages are read.')).toBeTruthy();
    const reads = server.requests.filter(
      (request) => request.method === 'POST' && request.path.startsWith('/v1/notifications'),
    );
    expect(reads.map((request) => request.path)).toEqual([
      '/v1/notifications/0190a4c1-0000-7000-8000-0000000000e2/read',
    ]);
    // Opening a message already read asks nothing.
    const welcome = screen
      .getByText('Welcome to MoneyPal, Ana', { selector: '.item-title' })
      .closest('details')!;
    welcome.open = true;
    fireEvent(welcome, new Event('toggle'));
    expect(
      server.requests.filter(
        (request) => request.method === 'POST' && request.path.startsWith('/v1/notifications'),
      ),
    ).toHaveLength(1);
  });

  it('marks all read with one request', async () => {
    const { server } = renderApp('/notifications', ...inbox());
    fireEvent.click(await screen.findByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByRole('link', { name: 'Notifications, none unread' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull();
    expect(
      server.requests
        .filter((request) => request.method === 'POST' && request.path.startsWith('/v1/notifications'))
        .map((request) => request.path),
    ).toEqual(['/v1/notifications/read']);
  });

  it('keeps a message unread, and says so, when marking it read fails', async () => {
    renderApp('/notifications', ...inbox({ failReads: true }));
    const subject = await screen.findByText('You received USD 12.50 from bob', { selector: '.item-title' });
    const details = subject.closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(
      await screen.findByText('We could not mark this message as read. It stays unread for now.'),
    ).toBeTruthy();
    await waitFor(() => expect(details.className).toContain('message-unread'));
    expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeTruthy();
  });
});
