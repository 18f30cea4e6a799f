// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, problem, tokens } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

const challengeId = '0190a4c1-0000-7000-8000-0000000000c1';

async function logIn(login: string, password: string) {
  fireEvent.change(await screen.findByLabelText('User name or email'), { target: { value: login } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('the login screen', () => {
  it('asks for the one-time code when two-factor is on, then opens the app', async () => {
    const { server } = renderApp(
      '/login',
      ({ path }) => {
        if (path === '/v1/auth/login') return json(202, { otp_required: true, challenge_id: challengeId });
        if (path === '/v1/auth/otp/verify') return json(200, tokens('access-2', 'refresh-2'));
        return json(200, { data: [], next_cursor: null });
      },
      { signedIn: false },
    );
    await logIn('ana@example.com', 'correct horse battery');
    fireEvent.change(await screen.findByLabelText('One-time code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Hello, Ana' })).toBeTruthy();
    expect(server.requests.find((request) => request.path === '/v1/auth/otp/verify')?.body).toEqual({
      challenge_id: challengeId,
      code: '123456',
    });
  });

  it('says a wrong code in plain words and keeps the code step', async () => {
    renderApp(
      '/login',
      ({ path }) =>
        path === '/v1/auth/login'
          ? json(202, { otp_required: true, challenge_id: challengeId })
          : problem(401, 'otp_invalid', 'the code is wrong'),
      { signedIn: false },
    );
    await logIn('ana', 'correct horse battery');
    fireEvent.change(await screen.findByLabelText('One-time code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not right. Check it and try again.',
    );
    expect(screen.getByLabelText('One-time code')).toBeTruthy();
  });

  it('says wrong credentials without saying which', async () => {
    renderApp('/login', () => problem(401, 'unauthenticated', 'invalid credentials'), { signedIn: false });
    await logIn('ana', 'wrong password');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The user name, email or password is not right.',
    );
  });

  it('sends a signed-out person to log in and back where they were going', async () => {
    renderApp(
      '/history',
      ({ path }) => {
        if (path === '/v1/auth/login') return json(200, tokens('access-2', 'refresh-2'));
        return json(200, { data: [], next_cursor: null });
      },
      { signedIn: false },
    );
    await logIn('ana', 'correct horse battery');
    expect(await screen.findByRole('heading', { name: 'History' })).toBeTruthy();
  });
});
