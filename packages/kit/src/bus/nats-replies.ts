import {
  createInbox,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

/** Why a request got no answer. */
export type NoReplyReason = 'no_responders' | 'timeout' | 'closed';

/** A request that ended without a reply; `reason` says why. */
export class NoReplyError extends Error {
  constructor(
    readonly reason: NoReplyReason,
    message: string,
  ) {
    super(message);
    this.name = 'NoReplyError';
  }
}

interface Pending {
  subject: string;
  /** Takes one reply message; true when it was the last one the request waits for. */
  take: (reply: Msg) => boolean;
  reject: (error: NoReplyError) => void;
  timer: NodeJS.Timeout;
}

/**
 * The replies to one connection's requests (bus requests and JetStream publications), on one
 * wildcard subscription to an inbox of its own: each request's reply subject ends in a
 * token of its own, which finds the waiting request. nats-core's `request` does the same,
 * but it also builds an error with a stack trace for every request that succeeds, when it
 * settles the request a second time; under load that cost more than the rest of the
 * request's bookkeeping.
 *
 * As with nats-core, the server answers a request that no subscriber takes with an empty
 * message of status 503 (the connection asks for that with `no_responders`).
 */
export class NatsReplies {
  private readonly inbox = `${createInbox()}.`;
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: Subscription;
  private nextToken = 0;

  constructor(private readonly connection: NatsConnection) {
    this.subscription = connection.subscribe(`${this.inbox}*`, {
      callback: (error, message) => {
        if (error) return this.abandon(`the reply subscription failed: ${error.message}`);
        this.settle(message);
      },
    });
  }

  /** Sends `data` to `subject` and resolves with the first reply; rejects with a `NoReplyError`. */
  request(subject: string, data: string, options: { timeoutMs: number; headers?: MsgHdrs }): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      this.send(subject, data, options, reject, (reply) => {
        resolve(reply);
        return true;
      });
    });
  }

  /**
   * Sends `data` to `subject` and hands every reply message to `take` until it says it had
   * the last one (a coalesced request is answered in parts); then resolves. Rejects with a
   * `NoReplyError` when no part comes in time or nothing answers the subject.
   */
  requestInParts(
    subject: string,
    data: string,
    options: { timeoutMs: number; headers?: MsgHdrs },
    take: (reply: Msg) => boolean,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.send(subject, data, options, reject, (reply) => {
        if (!take(reply)) return false;
        resolve();
        return true;
      });
    });
  }

  private send(
    subject: string,
    data: string,
    options: { timeoutMs: number; headers?: MsgHdrs },
    reject: (error: NoReplyError) => void,
    take: (reply: Msg) => boolean,
  ): void {
    const token = (this.nextToken++).toString(36);
    const timer = setTimeout(() => {
      this.pending.delete(token);
      reject(new NoReplyError('timeout', `no reply on ${subject} within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    this.pending.set(token, { subject, take, reject, timer });
    try {
      this.connection.publish(subject, data, {
        reply: this.inbox + token,
        ...(options.headers ? { headers: options.headers } : {}),
      });
    } catch (error) {
      clearTimeout(timer);
      this.pending.delete(token);
      reject(new NoReplyError('closed', `request on ${subject} not sent: ${(error as Error).message}`));
    }
  }

  /**
   * Rejects every request still waiting, e.g. when the connection drops: a reply sent
   * meanwhile is lost, and the caller learns now rather than at its timeout.
   */
  abandon(why: string): void {
    for (const [token, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(token);
      waiting.reject(new NoReplyError('closed', `no reply on ${waiting.subject}: ${why}`));
    }
  }

  /** Rejects every request still waiting and stops listening. */
  close(): void {
    this.abandon('the connection closed');
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
  }

  private settle(message: Msg): void {
    const token = message.subject.slice(this.inbox.length);
    const waiting = this.pending.get(token);
    // A reply after the timeout, or one more than the request waits for, finds nobody waiting.
    if (waiting === undefined) return;
    if (message.data.length === 0 && message.headers?.code === 503) {
      this.pending.delete(token);
      clearTimeout(waiting.timer);
      waiting.reject(new NoReplyError('no_responders', `nothing answers ${waiting.subject}`));
    } else if (waiting.take(message)) {
      this.pending.delete(token);
      clearTimeout(waiting.timer);
    }
  }
}
