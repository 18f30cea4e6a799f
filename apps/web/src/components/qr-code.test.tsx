// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { encode } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import { darkModulesPathOf, QrCode } from './qr-code';

afterEach(cleanup);

describe('darkModulesPathOf', () => {
  it('draws one rectangle per run of dark modules in a row', () => {
    expect(
      darkModulesPathOf([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
  });
});

describe('QrCode', () => {
  it('draws the code of the text, named for screen readers', () => {
    const text = 'https://pay.example.com/send?to=ada&amount=12.50';
    render(<QrCode text={text} label="QR code of your payment link" tooLong="Too long" />);
    const image = screen.getByRole('img', { name: 'QR code of your payment link' });
    const { data, size } = encode(text, { ecc: 'M', border: 4 });
    expect(image.getAttribute('viewBox')).toBe(`0 0 ${size} ${size}`);
    expect(image.querySelector('path')?.getAttribute('d')).toBe(darkModulesPathOf(data));
  });

  it('says the text is too long rather than failing when no QR code can hold it', () => {
    render(<QrCode text={'😀'.repeat(1_000)} label="QR code" tooLong="Too long for a QR code" />);
    expect(screen.getByText('Too long for a QR code')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
