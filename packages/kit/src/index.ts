export { MemoryBroker, MemoryBus } from './bus/memory.js';
export {
  connectNatsBus,
  defaultAckWaitMs,
  defaultDeadLetterStreamName,
  defaultStreamName,
  NatsBus,
  type NatsBusOptions,
} from './bus/nats.js';
export { replyOf, unwrapReply } from './bus/reply.js';
export * from './bus/typed.js';
export * from './bus/types.js';
export * from './circuit-breaker.js';
export * from './config.js';
export * from './cursor.js';
export * from './db/database.js';
export * from './db/embedded-postgres.js';
export * from './db/group-commit.js';
export * from './errors.js';
export * from './idempotency.js';
export * from './ids.js';
export * from './logger.js';
export * from './messaging/inbox.js';
export * from './messaging/outbox.js';
export * from './messaging/tables.js';
export * from './money.js';
export * from './observability/metrics.js';
export * from './observability/ops-server.js';
export * from './observability/tracing.js';
export * from './ports.js';
export * from './process.js';
