export * from './duban-error.js';
export * from './actor.js';
export * from './task-scope.js';
