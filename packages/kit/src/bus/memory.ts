import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import {
  answerBatch,
  batchBodyOf,
  failBatch,
  malformedReplyError,
  type QueuedRequest,
  RequestCoalescer,
  takeReplyPart,
} from './coalescing.js';
import {
  assertConsumerName,
  type BatchOutcome,
  batchSizeOf,
  batchWaitMsOf,
  deliverEvent,
  deliverEventBatch,
  deliveryLimitsOf,
  describeFailure,
  isBatchHandler,
  redeliveryDelayMs,
  reportDeadLetter,
} from './delivery.js';

import { noResponderError, replyBodyOf, replyOf, sendRequest } from './reply.js';
import {
  type Bus,
  type CloudEvent,
  type DeadLetter,
  defaultRequestTimeoutMs,
  type EventBatchHandler,
  type EventHandler,
  type EventHandlers,
  type MessageContext,
  type RequestHandler,
  type RequestOptions,
  type SubscribeOptions,
} from './types.js';

/** How long a published event id is remembered for dedup, as JetStream's duplicate window. */
const duplicateWindowMs = 120_000;

/**
 * How many past events a consumer created later still receives, as a JetStream consumer
 * that delivers all retained events does; bounded so that the local runtime's memory is.
 */
const retainedEventLimit = 10_000;

interface Pending {
  event: CloudEvent;
  attempts: number;
  settle: () => void;
  fail: (error: Error) => void;
}

interface Member {
  bus: MemoryBus;
  handlers: EventHandlers;
}

/**
 * A durable consumer: events wait here until a member acknowledges them, whether or not
 * a member is connected, and survive a member's disconnect (as a JetStream durable
 * consumer survives its client).
 */
class ConsumerGroup {
  readonly members: Member[] = [];
  private readonly waiting: Pending[] = [];
  private readonly inFlight = new Map<Pending, MemoryBus>();
  private readonly delayed = new Map<NodeJS.Timeout, Pending>();
  private nextMember = 0;
  private pumpScheduled = false;
  /** The event types each member is applying a batch of: one batch per member and type at a time. */
  private readonly batching = new Map<MemoryBus, Set<string>>();

  constructor(
    readonly name: string,
    private readonly options: Required<SubscribeOptions>,
  ) {}

  enqueue(pending: Pending): void {
    this.waiting.push(pending);
    this.pump();
  }

  join(member: Member): void {
    this.members.push(member);
    this.pump();
  }

  /** A member went away: what it was handling goes back to the queue, unacknowledged. */
  leave(bus: MemoryBus): void {
    for (let index = this.members.length - 1; index >= 0; index--) {
      if (this.members[index]!.bus === bus) this.members.splice(index, 1);
    }
    for (const [pending, holder] of this.inFlight) {
      if (holder === bus) {
        this.inFlight.delete(pending);
        this.waiting.push(pending);
      }
    }
    this.pump();
  }

  /** Ends every delivery; the publishers learn that their events were not applied. */
  stop(error: Error): void {
    for (const [timer, pending] of this.delayed) {
      clearTimeout(timer);
      pending.fail(error);
    }
    this.delayed.clear();
    for (const pending of [...this.waiting, ...this.inFlight.keys()]) pending.fail(error);
    this.waiting.length = 0;
    this.inFlight.clear();
  }

  /**
   * Delivers what waits once the current turn has queued all it will (a relay publishes
   * its group of events in one turn), so that a batch handler gets them together.
   */
  private pump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.deliverWaiting();
    });
  }

  /**
   * Hands each waiting event to a member, round robin. A member applies one batch of a type
   * at a time, as a group commit does: the events that arrive meanwhile wait and make its
   * next batch, so under load batches grow rather than transactions multiply.
   */
  private deliverWaiting(): void {
    const held: Pending[] = [];
    while (this.waiting.length > 0 && this.members.length > 0) {
      const pending = this.waiting.shift()!;
      const turn = this.nextMember++;
      const member = this.members[turn % this.members.length]!;
      const handler = member.handlers[pending.event.type];
      if (handler === undefined || !isBatchHandler(handler)) {
        void this.deliver(pending, member, handler);
        continue;
      }
      const free = this.freeBatchMember(pending.event.type, turn);
      if (free === undefined) {
        held.push(pending);
        continue;
      }
      const batch = [pending, ...this.takeWaiting(pending.event.type, batchSizeOf(free.handler) - 1)];
      void this.deliverBatch(batch, free.member, free.handler);
    }
    this.waiting.push(...held);
  }

  /** The first member from `turn` on that takes `type` in batches and is not applying a batch of it. */
  private freeBatchMember(
    type: string,
    turn: number,
  ): { member: Member; handler: EventBatchHandler } | undefined {
    for (let offset = 0; offset < this.members.length; offset++) {
      const member = this.members[(turn + offset) % this.members.length]!;
      const handler = member.handlers[type];
      if (handler === undefined || !isBatchHandler(handler)) continue;
      if (!this.batching.get(member.bus)?.has(type)) return { member, handler };
    }
    return undefined;
  }

  /** Takes up to `limit` waiting events of one type, oldest first; the others keep their order. */
  private takeWaiting(type: string, limit: number): Pending[] {
    const taken: Pending[] = [];
    for (let index = 0; index < this.waiting.length && taken.length < limit; ) {
      if (this.waiting[index]!.event.type === type) taken.push(...this.waiting.splice(index, 1));
      else index++;
    }
    return taken;
  }

  private async deliverBatch(batch: Pending[], member: Member, handler: EventBatchHandler): Promise<void> {
    const delivered: Pending[] = [];
    for (const pending of batch) {
      pending.attempts += 1;
      if (pending.attempts > this.options.maxDeliveries) {
        // The last allowed delivery went to a member that left without a verdict.
        this.deadLetter(pending, member, pending.attempts - 1, 'the last delivery was never acknowledged');
        continue;
      }
      this.inFlight.set(pending, member.bus);
      delivered.push(pending);
    }
    if (delivered.length === 0) return;
    const type = delivered[0]!.event.type;
    const types = this.batching.get(member.bus) ?? new Set<string>();
    this.batching.set(member.bus, types.add(type));
    let outcomes: BatchOutcome[];
    try {
      // Copies, as a network bus would deliver: a handler cannot touch the publisher's objects.
      outcomes = await deliverEventBatch(
        handler,
        delivered.map((pending) => ({ event: structuredClone(pending.event), attempt: pending.attempts })),
        { consumer: this.name, metrics: member.bus.metrics, logger: member.bus.logger },
      );
    } finally {
      types.delete(type);
      this.pump();
    }
    for (const [index, pending] of delivered.entries()) {
      const outcome = outcomes[index]!;
      this.conclude(pending, member, outcome.failed, outcome.failed ? outcome.failure : undefined);
    }
  }

  private async deliver(pending: Pending, member: Member, handler: EventHandler | undefined): Promise<void> {
    this.inFlight.set(pending, member.bus);
    pending.attempts += 1;
    if (pending.attempts > this.options.maxDeliveries) {
      // The last allowed delivery went to a member that left without a verdict.
      this.inFlight.delete(pending);
      this.deadLetter(pending, member, pending.attempts - 1, 'the last delivery was never acknowledged');
      return;
    }
    let failed = false;
    let failure: unknown;
    try {
      // A copy, as a network bus would deliver: a handler cannot touch the publisher's object.
      if (handler) {
        await deliverEvent(handler, structuredClone(pending.event), {
          consumer: this.name,
          attempt: pending.attempts,
          metrics: member.bus.metrics,
          logger: member.bus.logger,
        });
      }
    } catch (error) {
      failed = true;
      failure = error;
    }
    this.conclude(pending, member, failed, failure);
  }

  /** Acknowledges a delivered event, or redelivers it after its backoff, or dead-letters it. */
  private conclude(pending: Pending, member: Member, failed: boolean, failure: unknown): void {
    if (this.inFlight.get(pending) !== member.bus) return; // the member left; the event was requeued
    this.inFlight.delete(pending);
    if (!failed) {
      pending.settle();
      return;
    }
    if (pending.attempts >= this.options.maxDeliveries) {
      this.deadLetter(pending, member, pending.attempts, describeFailure(failure));
      return;
    }
    const timer = setTimeout(
      () => {
        this.delayed.delete(timer);
        this.enqueue(pending);
      },
      redeliveryDelayMs(this.options.backoffMs, pending.attempts),
    );
    this.delayed.set(timer, pending);
  }

  private deadLetter(pending: Pending, member: Member, attempts: number, error: string): void {
    member.bus.reportDeadLetter({ consumer: this.name, event: pending.event, attempts, error });
    pending.settle();
  }
}

interface Publication {
  seenAt: number;
  settled: Promise<void>;
}

/**
 * The in-process broker of the local runtime: the same semantics as the NATS bus
 * (queue-group request/reply, durable consumers, redelivery with backoff, dead letters,
 * dedup by event id) without a network. Every service of the process connects to one
 * broker. `publish` resolves when every consumer has settled the event, so that the
 * outbox marks an event sent only once it has been applied: a crash before that leaves
 * it in the outbox to be published again.
 */
export class MemoryBroker {
  private readonly responders = new Map<string, { bus: MemoryBus; handler: RequestHandler }[]>();
  private readonly roundRobin = new Map<string, number>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly publications = new Map<string, Publication>();
  private readonly retained: CloudEvent[] = [];

  /** A connection for `service`; with `metrics`, its traffic is measured there. */
  connect(service: string, logger?: Logger, metrics?: ServiceMetrics): MemoryBus {
    return new MemoryBus(service, this, logger, metrics);
  }

  addResponder(subject: string, bus: MemoryBus, handler: RequestHandler): void {
    const list = this.responders.get(subject) ?? [];
    list.push({ bus, handler });
    this.responders.set(subject, list);
  }

  pickResponder(subject: string): { bus: MemoryBus; handler: RequestHandler } | undefined {
    const list = this.responders.get(subject);
    if (!list || list.length === 0) return undefined;
    const turn = this.roundRobin.get(subject) ?? 0;
    this.roundRobin.set(subject, turn + 1);
    return list[turn % list.length]!;
  }

  join(consumer: string, member: Member, options: Required<SubscribeOptions>): void {
    let group = this.groups.get(consumer);
    if (!group) {
      group = new ConsumerGroup(consumer, options);
      this.groups.set(consumer, group);
      // A new durable consumer starts from the oldest retained event, as on JetStream, so
      // a service that subscribes after another one published misses nothing.
      for (const event of this.retained) {
        group.enqueue({ event, attempts: 0, settle: () => {}, fail: () => {} });
      }
    }
    group.join(member);
  }

  /**
   * Resolves once every consumer group has settled the event. A copy with an id seen
   * within the duplicate window is not delivered again, and resolves when the first copy
   * does: resolving it at once would let the outbox mark an event sent that no consumer
   * has applied yet.
   */
  publish(event: CloudEvent): Promise<void> {
    const now = Date.now();
    for (const [id, publication] of this.publications) {
      if (now - publication.seenAt < duplicateWindowMs) break;
      this.publications.delete(id);
    }
    const known = this.publications.get(event.id);
    if (known) return known.settled;
    const frozen = structuredClone(event);
    this.retained.push(frozen);
    if (this.retained.length > retainedEventLimit) this.retained.shift();
    const settled = Promise.all(
      [...this.groups.values()].map(
        (group) =>
          new Promise<void>((settle, fail) => group.enqueue({ event: frozen, attempts: 0, settle, fail })),
      ),
    ).then(() => undefined);
    this.publications.set(event.id, { seenAt: now, settled });
    return settled;
  }

  disconnect(bus: MemoryBus): void {
    for (const [subject, list] of this.responders) {
      this.responders.set(
        subject,
        list.filter((responder) => responder.bus !== bus),
      );
    }
    for (const group of this.groups.values()) group.leave(bus);
  }

  /**
   * Ends every pending delivery and redelivery timer, for the end of a process or a test.
   * Publishers still waiting are told the event was not applied, so it stays in their outbox.
   */
  shutdown(): void {
    const error = new AppError('unavailable', 'the in-process broker shut down');
    for (const group of this.groups.values()) group.stop(error);
  }
}

export class MemoryBus implements Bus {
  private closed = false;
  private readonly deadLetterListeners = new Set<(deadLetter: DeadLetter) => void>();
  private readonly publishing = new Set<(error: Error) => void>();
  private readonly coalescer = new RequestCoalescer((subject, items) => this.send(subject, items));

  constructor(
    readonly service: string,
    private readonly broker: MemoryBroker,
    readonly logger?: Logger,
    readonly metrics?: ServiceMetrics,
  ) {}

  async request(subject: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    this.assertOpen();
    return sendRequest(subject, options, this.metrics, (context) =>
      this.coalescer.enqueue(subject, payload, context, options.timeoutMs ?? defaultRequestTimeoutMs),
    );
  }

  /**
   * Sends the requests of one subject that came in one turn to one responder: alone as a
   * plain request, else coalesced, as JSON text both ways as on the wire (what cannot cross
   * a network cannot cross here either).
   */
  private send(subject: string, items: QueuedRequest[]): void {
    const responder = this.broker.pickResponder(subject);
    if (!responder) {
      failBatch(items, noResponderError(subject));
      return;
    }
    const takeText = (text: string, take: (part: unknown) => void) => {
      let part: unknown;
      try {
        part = JSON.parse(text);
      } catch {
        failBatch(items, malformedReplyError(subject));
        return;
      }
      take(part);
    };
    if (items.length === 1) {
      const single = items[0]!;
      void responder.bus
        .answer(subject, responder.handler, JSON.parse(single.payloadJson), single.context)
        .then((text) => takeText(text, (envelope) => single.settle({ envelope })));
      return;
    }
    void responder.bus.answerBatch(subject, responder.handler, batchBodyOf(items), (text) =>
      takeText(text, (part) => takeReplyPart(items, part)),
    );
  }

  /** The serving side of a request: the reply as the JSON text that would cross the network. */
  async answer(
    subject: string,
    handler: RequestHandler,
    payload: unknown,
    context: MessageContext,
  ): Promise<string> {
    this.metrics?.busRequestMessages.inc({ subject });
    const envelope = await replyOf(handler, payload, context, subject, this.logger, this.metrics);
    return replyBodyOf(envelope, subject, context.requestId, this.logger);
  }

  /** The serving side of a coalesced request: its reply parts as the JSON texts that would cross the network. */
  answerBatch(
    subject: string,
    handler: RequestHandler,
    body: string,
    respond: (part: string) => void,
  ): Promise<void> {
    this.metrics?.busRequestMessages.inc({ subject });
    return answerBatch(subject, body, handler, respond, this.logger, this.metrics);
  }

  async handle(subject: string, handler: RequestHandler): Promise<void> {
    this.assertOpen();
    this.broker.addResponder(subject, this, handler);
  }

  /** Resolves once every consumer has settled the event; rejects if this bus closes first. */
  async publish(event: CloudEvent): Promise<void> {
    this.assertOpen();
    let abandon!: (error: Error) => void;
    const abandoned = new Promise<never>((_, reject) => {
      abandon = reject;
    });
    this.publishing.add(abandon);
    try {
      await Promise.race([this.broker.publish(event), abandoned]);
    } finally {
      this.publishing.delete(abandon);
    }
  }

  async subscribe(consumer: string, handlers: EventHandlers, options: SubscribeOptions = {}): Promise<void> {
    this.assertOpen();
    assertConsumerName(consumer);
    for (const handler of Object.values(handlers)) {
      if (isBatchHandler(handler)) {
        batchSizeOf(handler);
        batchWaitMsOf(handler);
      }
    }
    this.broker.join(consumer, { bus: this, handlers }, deliveryLimitsOf(options));
  }

  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void {
    this.deadLetterListeners.add(listener);
  }

  /** Called by the broker when this connection made an event's last delivery. */
  reportDeadLetter(deadLetter: DeadLetter): void {
    reportDeadLetter(deadLetter, this.deadLetterListeners, this.logger, this.metrics);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  /**
   * Leaves every consumer group (what this connection was handling is redelivered to the
   * others) and stops waiting for its publications: the outbox keeps those events and
   * publishes them again, and the broker's dedup makes that harmless.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.broker.disconnect(this);
    const error = new AppError('unavailable', 'the bus connection closed before the event was applied');
    for (const abandon of this.publishing) abandon(error);
    this.deadLetterListeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('unavailable', 'the bus connection is closed');
  }
}
