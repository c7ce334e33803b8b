export * from './roles.js';
export * from './task-status.js';
export * from './task-action.js';
export * from './task-event-type.js';
export * from './task-state-machine.js';
export * from './event-chain.js';
export * from './shanghai-time.js';
export * from './department-kind.js';
