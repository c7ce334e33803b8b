export * from './outbox-publisher.js';
export * from './outbox-relay.js';
