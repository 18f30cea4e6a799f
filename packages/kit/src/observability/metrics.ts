import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

export type { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How far a service's outbox is behind: what is committed but not yet on the bus. */
export interface OutboxLag {
  pending: number;
  /** The age of the oldest pending event (0 with none), by the database clock. */
  oldestAgeSeconds: number;
}

/** Seconds; from a fast in-process request to a slow one that waits on PostgreSQL and the network. */
export const latencyBucketsSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type MetricSpec<Labels extends string> = {
  name: string;
  help: string;
  labelNames?: readonly Labels[];
};

/**
 * The Prometheus metrics of one service: its own registry, labelled `service`, with the
 * process defaults (CPU, memory, event loop, GC) and the series the kit records for every
 * service — bus requests served and made, events handled, redeliveries, dead letters,
 * outbox lag. A service adds its own with `counter`, `gauge` and `histogram`. Each service
 * has its own registry, so the services of one process never register a name twice.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  /** Requests this service answered. */
  readonly busRequests: Counter<'subject' | 'outcome'>;
  readonly busRequestDuration: Histogram<'subject'>;
  /** Messages that carried those requests: fewer than the requests when requests were coalesced. */
  readonly busRequestMessages: Counter<'subject'>;
  /** Requests this service made to others. */
  readonly busClientRequests: Counter<'subject' | 'outcome'>;
  readonly busClientRequestDuration: Histogram<'subject'>;
  readonly busClientRequestsInFlight: Gauge<'subject'>;
  readonly eventsHandled: Counter<'type' | 'consumer' | 'outcome'>;
  readonly eventRedeliveries: Counter<'type' | 'consumer'>;
  readonly deadLetters: Counter<'type' | 'consumer'>;
  readonly eventsPublished: Counter<'type'>;

  private readonly outboxSources = new Set<() => Promise<OutboxLag>>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.busRequests = this.counter({
      name: 'bus_requests_total',
      help: 'Bus requests answered, by subject and outcome (ok, or the error code of the reply).',
      labelNames: ['subject', 'outcome'],
    });
    this.busRequestDuration = this.histogram({
      name: 'bus_request_duration_seconds',
      help: 'Time to answer a bus request, by subject.',
      labelNames: ['subject'],
      buckets: latencyBucketsSeconds,
    });
    this.busRequestMessages = this.counter({
      name: 'bus_request_messages_total',
      help: 'Request messages answered, by subject: one per plain request, one per coalesced batch.',
      labelNames: ['subject'],
    });
    this.busClientRequests = this.counter({
      name: 'bus_client_requests_total',
      help: 'Bus requests made to other services, by subject and outcome (ok, or the error code).',
      labelNames: ['subject', 'outcome'],
    });
    this.busClientRequestDuration = this.histogram({
      name: 'bus_client_request_duration_seconds',
      help: 'Time from sending a bus request to its reply (or failure), by subject.',
      labelNames: ['subject'],
      buckets: latencyBucketsSeconds,
    });
    this.busClientRequestsInFlight = this.gauge({
      name: 'bus_client_requests_in_flight',
      help: 'Bus requests sent and still waiting for their reply, by subject.',
      labelNames: ['subject'],
    });
    this.eventsHandled = this.counter({
      name: 'bus_events_handled_total',
      help: 'Event deliveries handled, by event type, consumer and outcome (ok or failed).',
      labelNames: ['type', 'consumer', 'outcome'],
    });
    this.eventRedeliveries = this.counter({
      name: 'bus_event_redeliveries_total',
      help: 'Deliveries of an event after its first (a failed or unfinished earlier attempt).',
      labelNames: ['type', 'consumer'],
    });
    this.deadLetters = this.counter({
      name: 'bus_dead_letters_total',
      help: 'Events given up after their last delivery and put on the dead-letter subject.',
      labelNames: ['type', 'consumer'],
    });
    this.eventsPublished = this.counter({
      name: 'outbox_events_published_total',
      help: 'Outbox events published to the bus, by event type.',
      labelNames: ['type'],
    });
    const lagOf = async () => {
      const lags = await Promise.all([...this.outboxSources].map((source) => source()));
      return {
        pending: lags.reduce((sum, lag) => sum + lag.pending, 0),
        oldestAgeSeconds: Math.max(0, ...lags.map((lag) => lag.oldestAgeSeconds)),
      };
    };
    let measuring: Promise<OutboxLag> | undefined;
    // Both gauges are measured by one query per scrape, at the time of the scrape.
    const measure = () => {
      measuring ??= lagOf().finally(() => {
        measuring = undefined;
      });
      return measuring;
    };
    const sourcesPresent = () => this.outboxSources.size > 0;
    this.gauge({
      name: 'outbox_pending_events',
      help: 'Events committed to the outbox and not yet published.',
      async collect() {
        if (!sourcesPresent()) return;
        this.set((await measure().catch(() => ({ pending: Number.NaN }))).pending);
      },
    });
    this.gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none is pending): the outbox lag.',
      async collect() {
        if (!sourcesPresent()) return;
        this.set((await measure().catch(() => ({ oldestAgeSeconds: Number.NaN }))).oldestAgeSeconds);
      },
    });
  }

  counter<Labels extends string = never>(spec: MetricSpec<Labels>): Counter<Labels> {
    return new Counter({ ...spec, registers: [this.registry] } as CounterConfiguration<Labels>);
  }

  gauge<Labels extends string = never>(
    spec: MetricSpec<Labels> & Pick<GaugeConfiguration<Labels>, 'collect'>,
  ): Gauge<Labels> {
    return new Gauge({ ...spec, registers: [this.registry] } as GaugeConfiguration<Labels>);
  }

  histogram<Labels extends string = never>(
    spec: MetricSpec<Labels> & { buckets?: number[] },
  ): Histogram<Labels> {
    return new Histogram({ ...spec, registers: [this.registry] } as HistogramConfiguration<Labels>);
  }

  /**
   * Measures an outbox's lag at every scrape (the relay registers its database while it
   * runs); returns the function that stops measuring it.
   */
  observeOutbox(measure: () => Promise<OutboxLag>): () => void {
    this.outboxSources.add(measure);
    return () => this.outboxSources.delete(measure);
  }

  /** The exposition text, as `/metrics` serves it. */
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
