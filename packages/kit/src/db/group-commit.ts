export interface GroupCommitOptions<Item, Result> {
  /**
   * Applies a whole batch in one database transaction and returns one result per item, in
   * order. Throwing means nothing of the batch was applied: each item then runs alone.
   */
  runBatch(items: readonly Item[]): Promise<Result[]>;
  /**
   * Applies one item in its own transaction: an item that arrived alone, or one of a batch
   * that failed as a whole. What it throws is that item's answer. By default, `runBatch`
   * with that item alone.
   */
  runOne?(item: Item): Promise<Result>;
  /** Most items in one batch. */
  maxBatchSize?: number;
  /** Most batches in their transactions at once; the items that arrive meanwhile wait for the next. */
  maxConcurrentBatches?: number;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: work that arrives while a transaction is running waits, and then goes
 * into the next transaction together with everything else that waited. Under load one
 * transaction (a handful of statements and one commit) carries many items; alone, an
 * item runs at once. Each item keeps its own outcome: if a batch fails as a whole (a
 * deadlock, one item's bug), nothing of it was applied and every item runs again alone,
 * so one cannot fail the others.
 */
export class GroupCommit<Item, Result> {
  private readonly maxBatchSize: number;
  private readonly maxConcurrentBatches: number;
  private readonly waiting: Waiting<Item, Result>[] = [];
  private running = 0;

  private readonly runOne: (item: Item) => Promise<Result>;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {
    this.runOne =
      options.runOne?.bind(options) ??
      (async (item) => {
        const results = await options.runBatch([item]);
        if (results.length !== 1) throw new Error(`a batch of 1 answered ${results.length} results`);
        return results[0]!;
      });
    this.maxBatchSize = options.maxBatchSize ?? 100;
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 1;
    if (!Number.isSafeInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new RangeError('maxBatchSize must be a whole number of at least 1');
    }
    if (!Number.isSafeInteger(this.maxConcurrentBatches) || this.maxConcurrentBatches < 1) {
      throw new RangeError('maxConcurrentBatches must be a whole number of at least 1');
    }
  }

  /** Applies the item in the next batch; settles once its transaction has committed (or failed). */
  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.maxConcurrentBatches && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatchSize);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async run(batch: Waiting<Item, Result>[]): Promise<void> {
    if (batch.length > 1) {
      let results: Result[] | undefined;
      try {
        results = await this.options.runBatch(batch.map(({ item }) => item));
      } catch {
        // Each item alone meets the failure again, if it is its own, and answers it.
      }
      if (results !== undefined) {
        if (results.length !== batch.length) {
          const error = new Error(`a batch of ${batch.length} answered ${results.length} results`);
          for (const waiting of batch) waiting.reject(error);
          return;
        }
        for (const [index, waiting] of batch.entries()) waiting.resolve(results[index]!);
        return;
      }
    }
    await Promise.all(batch.map(({ item, resolve, reject }) => this.runOne(item).then(resolve, reject)));
  }
}
