export * from './engine-policy.js';
export * from './calendar.repository.js';
export * from './recipients.js';
export * from './step-recorder.js';
export * from './notification-rows.js';
export * from './deadline-sweep.js';
export * from './notification-delivery.js';
export * from './enqueue-due-digests.js';
