import { describe, expect, it } from 'vitest';
import { type CpuProfile, summarizeProfiles } from './profile.js';
import { root } from './system.js';

/** A profile of `samples` (node ids) taken at `timestampsUs` (from 0), ending at `endUs`. */
function profileOf(
  nodes: [id: number, functionName: string, url: string][],
  samples: number[],
  timestampsUs: number[],
  endUs: number,
): CpuProfile {
  return {
    nodes: nodes.map(([id, functionName, url]) => ({ id, callFrame: { functionName, url, lineNumber: 9 } })),
    startTime: 0,
    endTime: endUs,
    samples,
    timeDeltas: timestampsUs.map((at, index) => at - (timestampsUs[index - 1] ?? 0)),
  };
}

describe('summarizeProfiles', () => {
  it('gives each function the time until the next sample, the last one until the end, idle and the profiler left out', () => {
    const profile = profileOf(
      [
        [1, '(root)', ''],
        [2, 'postBatch', `file://${root}services/ledger/dist/services/posting.service.js`],
        [3, 'parse', `file://${root}node_modules/pg-protocol/dist/parser.js`],
        [4, '(idle)', ''],
        [5, '', `file://${root}services/gateway/dist/route.js`],
        [6, 'dispatch', ''],
      ],
      [2, 2, 3, 4, 5, 6],
      [0, 3_000, 4_000, 5_000, 9_000, 10_000],
      40_000,
    );

    const summary = summarizeProfiles([profile], 10);

    expect(summary.sampled_ms).toBe(6);
    expect(summary.top).toEqual([
      { function: 'postBatch services/ledger/dist/services/posting.service.js:10', self_ms: 4, share: 0.667 },
      { function: 'parse pg-protocol/dist/parser.js:10', self_ms: 1, share: 0.167 },
      { function: '(anonymous) services/gateway/dist/route.js:10', self_ms: 1, share: 0.167 },
    ]);
  });

  it('adds up the profiles of one part and keeps the largest functions only', () => {
    const nodes: [number, string, string][] = [
      [1, 'writev', ''],
      [2, '(garbage collector)', ''],
    ];
    const first = profileOf(nodes, [1, 2], [0, 2_000], 3_000);
    const second = profileOf(nodes, [1], [0], 1_000);

    const summary = summarizeProfiles([first, second], 1);

    expect(summary.sampled_ms).toBe(4);
    expect(summary.top).toEqual([{ function: 'writev', self_ms: 3, share: 0.75 }]);
  });
});
