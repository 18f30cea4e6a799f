import { type Bus, connectNatsBus, type Logger, MemoryBroker } from '@moneypal/kit';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The NATS server (with JetStream) the tests run on when TEST_NATS_URL names one; the in-process bus otherwise. */
export function testNatsUrl(): string | undefined {
  return process.env.TEST_NATS_URL || undefined;
}

/** Which bus the tests run on, for test names. */
export const testBusLabel = testNatsUrl() ? 'NATS JetStream' : 'in-process bus';

/** The event and dead-letter streams of one test run on NATS, named `<prefix>_EVENTS` and `<prefix>_DEAD_LETTERS`. */
export function testStreams(prefix: string): { events: string; deadLetters: string } {
  return { events: `${prefix}_EVENTS`, deadLetters: `${prefix}_DEAD_LETTERS` };
}

/** Deletes a test run's streams from the NATS server at `servers`; a stream already gone is no failure. */
export async function deleteStreams(servers: string, streams: { events: string; deadLetters: string }) {
  const connection = await connect({ servers });
  try {
    const manager = await jetstreamManager(connection);
    for (const stream of [streams.events, streams.deadLetters]) {
      await manager.streams.delete(stream).catch(() => false);
    }
  } finally {
    await connection.close();
  }
}

/** The bus a test run's services share. */
export interface TestBus {
  connect(service: string, logger: Logger): Promise<Bus>;
  /** Shuts the in-process broker, or deletes the run's streams on NATS; close the connections first. */
  close(): Promise<void>;
}

/**
 * The bus under test: the in-process bus, or, when TEST_NATS_URL names a server, NATS under
 * subjects (`subjectPrefix`) and streams (`streamPrefix`) of this run only.
 */
export function openTestBus(run: { subjectPrefix: string; streamPrefix: string }): TestBus {
  const natsUrl = testNatsUrl();
  if (!natsUrl) {
    const broker = new MemoryBroker();
    return {
      connect: async (service, logger) => broker.connect(service, logger),
      close: async () => broker.shutdown(),
    };
  }
  const streams = testStreams(run.streamPrefix);
  return {
    connect: (service, logger) =>
      connectNatsBus({
        servers: natsUrl,
        service,
        logger,
        subjectPrefix: run.subjectPrefix,
        streamName: streams.events,
        deadLetterStreamName: streams.deadLetters,
      }),
    close: () => deleteStreams(natsUrl, streams),
  };
}
