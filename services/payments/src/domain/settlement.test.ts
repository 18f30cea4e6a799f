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

  it('only captures a refunded capture: its refunds are applied from their own resources', () => {
    expect(stepsForCapture('REFUNDED')).toEqual([{ target: 'captured' }]);
  });

  it('changes nothing for a status it does not know', () => {
    expect(stepsForCapture('SOMETHING_NEW')).toEqual([]);
  });
});

describe('sourcesOf', () => {
  it('never leaves a final status, nor a captured payment', () => {
    for (const sources of Object.values(sourcesOf)) {
      expect(sources).not.toContain('failed');
      expect(sources).not.toContain('captured');
      expect(sources).not.toContain('refunded');
    }
  });
});

describe('eventTypeOf', () => {
  it('publishes captured and failed, and nothing for approved or pending', () => {
    expect(eventTypeOf('captured')).toBe(paymentsEvents.paymentCaptured);
    expect(eventTypeOf('failed')).toBe(paymentsEvents.paymentFailed);
    expect(eventTypeOf('approved')).toBeNull();
    expect(eventTypeOf('pending')).toBeNull();
  });
});
