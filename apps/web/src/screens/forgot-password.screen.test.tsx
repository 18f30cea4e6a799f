// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { problem } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

describe('the forgot-password screen', () => {
  it('asks for a code, then shows the server’s refusal of a wrong code next to the code', async () => {
    const { server } = renderApp(
      '/forgot-password',
      ({ path }) =>
        path === '/v1/auth/password-reset'
          ? new Response(null, { status: 202 })
          : problem(400, 'validation_failed', 'the reset code is wrong, expired or already used', [
              { path: 'code', message: 'is wrong, expired or already used' },
            ]),
      { signedIn: false },
    );
    await screen.findByRole('heading', { name: 'Reset your password' });
    fill('Email', 'ana@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Email me a code' }));

    expect((await screen.findByRole('status')).textContent).toContain(
      'If an account uses ana@example.com, we have emailed it a 6-digit code.',
    );
    fill('Code from the email', '123456');
    fill('New password', 'a new long passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByText('Is wrong, expired or already used.')).toBeTruthy();
    expect(
      server.requests.find((request) => request.path === '/v1/auth/password-reset/confirm')?.body,
    ).toEqual({
      email: 'ana@example.com',
      code: '123456',
      password: 'a new long passphrase',
    });
  });

  it('checks the code and the new password before asking the server', async () => {
    const { server } = renderApp('/forgot-password', () => new Response(null, { status: 202 }), {
      signedIn: false,
    });
    await screen.findByRole('heading', { name: 'Reset your password' });
    fill('Email', 'ana@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Email me a code' }));
    await screen.findByRole('heading', { name: 'Set a new password' });
    fill('Code from the email', '12');
    fill('New password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByText('Enter the 6 digits of the code.')).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(
      server.requests.filter((request) => request.path === '/v1/auth/password-reset/confirm'),
    ).toHaveLength(0);
  });
});
