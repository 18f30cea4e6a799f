// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, problem, tokens } from '../../test/fake-api';
import { renderApp, testUser } from '../../test/render-app';

afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

async function fillRegistration() {
  await screen.findByRole('heading', { name: 'Create your account' });
  fill('First name', 'Ana');
  fill('Last name', 'Lopez');
  fill('User name', 'ana');
  fill('Email', 'ana@example.com');
  fill('Password', 'correct horse battery');
}

function errorOf(label: string): string | null | undefined {
  const input = screen.getByLabelText(label, { exact: false });
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((element) => element?.className === 'field-error')
    ?.textContent;
}

describe('the registration screen', () => {
  it('shows the server’s field errors next to their fields', async () => {
    renderApp(
      '/register',
      () =>
        problem(409, 'conflict', 'the user_name and email are already taken', [
          { path: 'user_name', message: 'is already taken' },
          { path: 'email', message: 'is already taken' },
        ]),
      { signedIn: false },
    );
    await fillRegistration();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect((await screen.findByRole('alert')).textContent).toContain('see the messages next to the fields');
    expect(errorOf('User name')).toBe('Is already taken.');
    expect(errorOf('Email')).toBe('Is already taken.');
    expect(errorOf('Password')).toBeUndefined();
  });

  it('sends the person to log in, with the user name filled in, when the login after registering fails', async () => {
    renderApp(
      '/register',
      ({ path }) => (path === '/v1/auth/login' ? problem(503, 'unavailable', 'down') : json(201, testUser)),
      { signedIn: false },
    );
    await fillRegistration();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Your account is ready. Log in to start.')).toBeTruthy();
    expect((screen.getByLabelText('User name or email') as HTMLInputElement).value).toBe('ana');
  });

  it('checks the fields before asking the server', async () => {
    const { server } = renderApp('/register', () => json(201, testUser), { signedIn: false });
    await screen.findByRole('heading', { name: 'Create your account' });
    fill('Password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(errorOf('First name')).toBe('Enter your first name.');
    expect(errorOf('Password')).toBe('Use at least 10 characters.');
    expect(server.requests.filter((request) => request.path === '/v1/auth/register')).toHaveLength(0);
  });

  it('registers and signs in with the same credentials', async () => {
    const { server } = renderApp(
      '/register',
      ({ path }) =>
        path === '/v1/auth/login' ? json(200, tokens('access-2', 'refresh-2')) : json(201, testUser),
      { signedIn: false },
    );
    await fillRegistration();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Ana/ })).toBeTruthy();
    expect(server.requests.find((request) => request.path === '/v1/auth/login')?.body).toEqual({
      login: 'ana',
      password: 'correct horse battery',
    });
    expect(server.requests.find((request) => request.path === '/v1/auth/register')?.body).toEqual({
      first_name: 'Ana',
      last_name: 'Lopez',
      user_name: 'ana',
      email: 'ana@example.com',
      password: 'correct horse battery',
    });
  });
});
