export * from './task-view.js';
export * from './task-event-recorder.js';
export * from './visible-task.js';
export * from './task-assignment.use-case.js';
export * from './task-transition.use-case.js';
export * from './task-query.service.js';
export * from './attachment.service.js';
export * from './next-action-at.js';
