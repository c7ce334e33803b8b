export * from './inbox-message.js';
export * from './inbox-projector.js';
export * from './inbox-query.service.js';
