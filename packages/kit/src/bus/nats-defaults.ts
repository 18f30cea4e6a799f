/**
 * The NATS bus's defaults that configuration also names, kept apart from the bus itself so
 * that reading the environment does not load a NATS client.
 */

export const defaultStreamName = 'MONEYPAL_EVENTS';
export const defaultDeadLetterStreamName = 'MONEYPAL_DEAD_LETTERS';
/** How long JetStream waits for an acknowledgement before it redelivers an event. */
export const defaultAckWaitMs = 30_000;
