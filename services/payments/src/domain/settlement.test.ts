import { paymentsEvents } from '@moneypal/contracts';
import { describe, expect, it } from 'vitest';
import { eventTypeOf, sourcesOf, stepsForCapture } from './settlement.js';

describe('stepsForCapture', () => {
  it('captures on a completed (or partly refunded) capture, and only then', () => {
    expect(stepsForCapture('COMPLETED')).toEqual([{ target: 'captured' }]);
    expect(stepsForCapture('PARTIALLY_REFUNDED')).toEqual([{ target: 'captured' }]);
    expect(stepsForCapture('PENDING')).toEqual([{ target: 'pending' }]);
  });

  it('fails a declined or failed capture as declined', () => {
    expect(stepsForCapture('DECLINED')).toEqual([{ target: 'failed', failureReason: 'declined' }]);
    expect(stepsForCapture('FAILED')).toEqual([{ target: 'failed', failureReason: 'declined' }]);
  });

  it('captures before refunding, so a refund seen first still publishes both events', () => {
    expect(stepsForCapture('REFUNDED').map((step) => step.target)).toEqual(['captured', 'refunded']);
  });

  it('changes nothing for a status it does not know', () => {
    expect(stepsForCapture('SOMETHING_NEW')).toEqual([]);
  });
});

describe('sourcesOf', () => {
  it('never leaves a final status, and refunds only what was captured', () => {
    for (const sources of Object.values(sourcesOf)) {
      expect(sources).not.toContain('failed');
      expect(sources).not.toContain('refunded');
    }
    expect(sourcesOf.refunded).toEqual(['captured']);
    expect(sourcesOf.captured).not.toContain('captured');
  });
});

describe('eventTypeOf', () => {
  it('publishes captured, failed and refunded, and nothing for approved or pending', () => {
    expect(eventTypeOf('captured')).toBe(paymentsEvents.paymentCaptured);
    expect(eventTypeOf('failed')).toBe(paymentsEvents.paymentFailed);
    expect(eventTypeOf('refunded')).toBe(paymentsEvents.paymentRefunded);
    expect(eventTypeOf('approved')).toBeNull();
    expect(eventTypeOf('pending')).toBeNull();
  });
});
