import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A transaction that stays open until the test lets it commit. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('GroupCommit', () => {
  it('runs an item that arrives alone at once, on its own', async () => {
    const batches: number[][] = [];
    const singles: number[] = [];
    const commit = new GroupCommit<number, number>({
      runBatch: async (items) => {
        batches.push([...items]);
        return items.map((item) => item * 10);
      },
      runOne: async (item) => {
        singles.push(item);
        return item * 10;
      },
    });
    await expect(commit.submit(4)).resolves.toBe(40);
    expect(singles).toEqual([4]);
    expect(batches).toEqual([]);
  });

  it('puts what arrives while a transaction runs into the next one, each item with its own result', async () => {
    const first = gate();
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>({
      runBatch: async (items) => {
        batches.push([...items]);
        return items.map((item) => `batch:${item}`);
      },
      runOne: async (item) => {
        await first.opened;
        return `one:${item}`;
      },
    });
    const answers = [commit.submit(0)];
    for (let item = 1; item <= 5; item++) answers.push(commit.submit(item));
    first.open();
    expect(await Promise.all(answers)).toEqual([
      'one:0',
      'batch:1',
      'batch:2',
      'batch:3',
      'batch:4',
      'batch:5',
    ]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('splits the waiting items into batches of at most maxBatchSize', async () => {
    const first = gate();
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>({
      maxBatchSize: 2,
      runBatch: async (items) => {
        batches.push([...items]);
        return [...items];
      },
      runOne: async (item) => {
        await first.opened;
        return item;
      },
    });
    const answers = [0, 1, 2, 3, 4].map((item) => commit.submit(item));
    first.open();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('runs every item of a failed batch alone, so that only the item at fault fails', async () => {
    const first = gate();
    const alone: number[] = [];
    const commit = new GroupCommit<number, number>({
      runBatch: async (items) => {
        if (items.includes(3)) throw new Error('3 breaks the transaction');
        return [...items];
      },
      runOne: async (item) => {
        if (item === 0) await first.opened;
        else alone.push(item);
        if (item === 3) throw new Error('3 is refused');
        return item;
      },
    });
    const answers = [0, 1, 2, 3, 4].map((item) => commit.submit(item).catch((error: Error) => error.message));
    first.open();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, '3 is refused', 4]);
    expect(alone.sort()).toEqual([1, 2, 3, 4]);
  });

  it('fails the items of a batch that answered the wrong number of results, rather than pair them wrongly', async () => {
    const first = gate();
    const commit = new GroupCommit<number, number>({
      runBatch: async (items) => items.slice(1),
      runOne: async (item) => {
        await first.opened;
        return item;
      },
    });
    const answers = [0, 1, 2].map((item) => commit.submit(item).catch((error: Error) => error.message));
    first.open();
    expect(await Promise.all(answers)).toEqual([
      0,
      'a batch of 2 answered 1 results',
      'a batch of 2 answered 1 results',
    ]);
  });

  it('runs an item alone as a batch of one when no runOne is given, a failed batch too', async () => {
    const first = gate();
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>({
      runBatch: async (items) => {
        batches.push([...items]);
        if (items.length === 1 && items[0] === 0) await first.opened;
        if (items.length > 1 && items.includes(2)) throw new Error('2 breaks the transaction');
        if (items.length === 1 && items[0] === 2) throw new Error('2 is refused');
        return items.map((item) => item * 10);
      },
    });
    const answers = [0, 1, 2].map((item) => commit.submit(item).catch((error: Error) => error.message));
    first.open();
    expect(await Promise.all(answers)).toEqual([0, 10, '2 is refused']);
    expect(batches).toEqual([[0], [1, 2], [1], [2]]);
  });

  it('refuses sizes that are not whole numbers of at least 1', () => {
    const run = { runBatch: async () => [] };
    expect(() => new GroupCommit({ ...run, maxBatchSize: 0 })).toThrow(RangeError);
    expect(() => new GroupCommit({ ...run, maxConcurrentBatches: 1.5 })).toThrow(RangeError);
  });
});
