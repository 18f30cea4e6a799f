// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { problem } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

describe('a payment link', () => {
  it('fills the send screen, and leaves out what is not valid with a note', async () => {
    renderApp('/send?to=bob&amount=12.345&note=Lunch', () => problem(404, 'recipient_not_found', 'nobody'));
    expect(((await screen.findByLabelText('To (user name, email or phone)')) as HTMLInputElement).value).toBe(
      'bob',
    );
    expect((screen.getByLabelText('Amount (USD)') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Note (optional)') as HTMLInputElement).value).toBe('Lunch');
    expect(
      screen.getByText('One value in the link was not valid and was left out: the amount.'),
    ).toBeTruthy();
  });
});
