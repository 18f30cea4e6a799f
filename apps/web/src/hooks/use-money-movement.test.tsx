// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred } from '../../test/fake-api';
import { ApiError, networkErrorCode } from '../api/client';
import { useMoneyMovement } from './use-money-movement';

function movementWithKeys() {
  let issued = 0;
  return renderHook(() => useMoneyMovement<string>(() => `key-${++issued}`));
}

describe('useMoneyMovement', () => {
  it('gives each confirmation a new key and reuses it for the retry of that attempt', async () => {
    const { result } = movementWithKeys();
    const keys: string[] = [];
    let calls = 0;
    const send = async (key: string) => {
      keys.push(key);
      calls += 1;
      if (calls === 1) throw new ApiError(0, networkErrorCode, 'offline');
      return 'done';
    };

    await act(async () => result.current.confirm(send));
    expect(result.current.state).toMatchObject({ status: 'failed', retryable: true });
    await act(async () => result.current.retry());
    expect(result.current.state).toEqual({ status: 'succeeded', result: 'done' });

    await act(async () => result.current.confirm(send));
    expect(keys).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('sends once when confirmed twice before the first answer', async () => {
    const { result } = movementWithKeys();
    const answer = deferred<string>();
    const keys: string[] = [];
    const send = (key: string) => {
      keys.push(key);
      return answer.promise;
    };

    act(() => {
      result.current.confirm(send);
      result.current.confirm(send);
      result.current.retry();
    });
    expect(result.current.state).toEqual({ status: 'sending' });
    await act(async () => answer.resolve('paid'));
    expect(keys).toEqual(['key-1']);
    expect(result.current.state).toEqual({ status: 'succeeded', result: 'paid' });
  });

  it('marks a refusal as not retryable and starts a new attempt after a reset', async () => {
    const { result } = movementWithKeys();
    const keys: string[] = [];
    const refuse = async (key: string): Promise<string> => {
      keys.push(key);
      throw new ApiError(422, 'insufficient_funds', 'not enough');
    };

    await act(async () => result.current.confirm(refuse));
    expect(result.current.state).toMatchObject({ status: 'failed', retryable: false });
    act(() => result.current.reset());
    expect(result.current.state).toEqual({ status: 'idle' });
    await act(async () => result.current.confirm(refuse));
    expect(keys).toEqual(['key-1', 'key-2']);
  });
});
