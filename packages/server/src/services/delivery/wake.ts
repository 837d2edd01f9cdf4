import { EventEmitter } from 'node:events';

/**
 * An in-process nudge from the API to the delivery worker of the same store (a redelivery or a
 * re-enabled endpoint is due now, not at the worker's next poll). Other processes notice at their
 * next poll.
 */
const channels = new WeakMap<object, EventEmitter>();

function channel(store: object): EventEmitter {
  let emitter = channels.get(store);
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    channels.set(store, emitter);
  }
  return emitter;
}

export function wakeDeliveries(store: object): void {
  channels.get(store)?.emit('wake');
}

export function onDeliveryWake(store: object, listener: () => void): () => void {
  const emitter = channel(store);
  emitter.on('wake', listener);
  return () => emitter.off('wake', listener);
}
