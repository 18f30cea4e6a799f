import { AppError } from '../errors.js';
import { replyOf, unwrapReply } from './reply.js';
import {
  type Bus,
  type CloudEvent,
  type DeadLetter,
  defaultBackoffMs,
  defaultMaxDeliveries,
  defaultRequestTimeoutMs,
  type EventHandler,
  type MessageContext,
  type RequestHandler,
  type RequestOptions,
  type SubscribeOptions,
} from './types.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';

/** How long a published event id is remembered for dedup, as JetStream's duplicate window. */
const duplicateWindowMs = 120_000;

interface Pending {
  event: CloudEvent;
  attempts: number;
  settle: () => void;
}

interface Member {
  bus: MemoryBus;
  handlers: Record<string, EventHandler>;
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
  private nextMember = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly name: string,
    private readonly options: Required<SubscribeOptions>,
    private readonly broker: MemoryBroker,
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

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.members.length > 0) {
      const pending = this.waiting.shift()!;
      const member = this.members[this.nextMember++ % this.members.length]!;
      void this.deliver(pending, member);
    }
  }

  private async deliver(pending: Pending, member: Member): Promise<void> {
    this.inFlight.set(pending, member.bus);
    pending.attempts += 1;
    const handler = member.handlers[pending.event.type];
    let failure: unknown;
    try {
      // A copy, as a network bus would deliver: a handler cannot touch the publisher's object.
      if (handler) await handler(structuredClone(pending.event), { attempt: pending.attempts, context: contextOf(pending.event) });
    } catch (error) {
      failure = error ?? new Error('handler failed');
    }
    if (this.inFlight.get(pending) !== member.bus) return; // the member left; the event was requeued
    this.inFlight.delete(pending);
    if (failure === undefined) {
      pending.settle();
      return;
    }
    if (pending.attempts >= this.options.maxDeliveries) {
      this.broker.deadLetter({
        consumer: this.name,
        event: pending.event,
        attempts: pending.attempts,
        error: failure instanceof Error ? failure.message : String(failure),
      });
      pending.settle();
      return;
    }
    const backoff = this.options.backoffMs;
    const delayMs = backoff[Math.min(pending.attempts - 1, backoff.length - 1)] ?? 0;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(pending);
    }, delayMs);
    this.timers.add(timer);
  }
}

function contextOf(event: CloudEvent): MessageContext {
  return { requestId: event.requestid ?? event.id, ...(event.traceparent ? { traceparent: event.traceparent } : {}) };
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
  private readonly recentIds = new Map<string, number>();
  private readonly deadLetterListeners = new Set<(deadLetter: DeadLetter) => void>();

  connect(service: string, logger?: Logger): MemoryBus {
    return new MemoryBus(service, this, logger);
  }

  addResponder(subject: string, bus: MemoryBus, handler: RequestHandler): void {
    const list = this.responders.get(subject) ?? [];
    list.push({ bus, handler });
    this.responders.set(subject, list);
  }

  pickResponder(subject: string): RequestHandler | undefined {
    const list = this.responders.get(subject);
    if (!list || list.length === 0) return undefined;
    const turn = this.roundRobin.get(subject) ?? 0;
    this.roundRobin.set(subject, turn + 1);
    return list[turn % list.length]!.handler;
  }

  join(consumer: string, member: Member, options: Required<SubscribeOptions>): void {
    let group = this.groups.get(consumer);
    if (!group) {
      group = new ConsumerGroup(consumer, options, this);
      this.groups.set(consumer, group);
    }
    group.join(member);
  }

  async publish(event: CloudEvent): Promise<void> {
    const now = Date.now();
    for (const [id, seenAt] of this.recentIds) {
      if (now - seenAt < duplicateWindowMs) break;
      this.recentIds.delete(id);
    }
    if (this.recentIds.has(event.id)) return;
    this.recentIds.set(event.id, now);
    const frozen = structuredClone(event);
    await Promise.all(
      [...this.groups.values()].map(
        (group) => new Promise<void>((settle) => group.enqueue({ event: frozen, attempts: 0, settle })),
      ),
    );
  }

  deadLetter(deadLetter: DeadLetter): void {
    for (const listener of this.deadLetterListeners) listener(deadLetter);
  }

  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void {
    this.deadLetterListeners.add(listener);
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

  /** Stops redelivery timers; for the end of a process or a test. */
  shutdown(): void {
    for (const group of this.groups.values()) group.stop();
  }
}

export class MemoryBus implements Bus {
  private closed = false;

  constructor(
    readonly service: string,
    private readonly broker: MemoryBroker,
    private readonly logger?: Logger,
  ) {}

  async request(subject: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    this.assertOpen();
    const handler = this.broker.pickResponder(subject);
    if (!handler) throw new AppError('unavailable', `no service answers ${subject}`);
    const context: MessageContext = {
      requestId: options.requestId ?? newId(),
      ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    };
    const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError('unavailable', `no reply on ${subject} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      // JSON both ways, as on the wire: what cannot cross a network cannot cross here either.
      const wirePayload = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
      const reply = await Promise.race([
        replyOf(handler, wirePayload, context, (error) => {
          this.logger?.error({ err: error, subject, request_id: context.requestId }, 'request handler failed');
        }),
        timeout,
      ]);
      return unwrapReply(JSON.parse(JSON.stringify(reply)), subject);
    } finally {
      clearTimeout(timer);
    }
  }

  async handle(subject: string, handler: RequestHandler): Promise<void> {
    this.assertOpen();
    this.broker.addResponder(subject, this, handler);
  }

  async publish(event: CloudEvent): Promise<void> {
    this.assertOpen();
    await this.broker.publish(event);
  }

  async subscribe(
    consumer: string,
    handlers: Record<string, EventHandler>,
    options: SubscribeOptions = {},
  ): Promise<void> {
    this.assertOpen();
    this.broker.join(
      consumer,
      { bus: this, handlers },
      {
        maxDeliveries: options.maxDeliveries ?? defaultMaxDeliveries,
        backoffMs: options.backoffMs ?? defaultBackoffMs,
      },
    );
  }

  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void {
    this.broker.onDeadLetter(listener);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.broker.disconnect(this);
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('unavailable', 'the bus connection is closed');
  }
}
