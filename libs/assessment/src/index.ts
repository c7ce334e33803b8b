export * from './working-days.provider.js';
export * from './scheme-version.service.js';
export * from './assessment-members.js';
export * from './assessment.service.js';
export * from './task-fact.loader.js';
export * from './score-dirty.marker.js';
export * from './ledger.store.js';
export * from './score-recompute.use-case.js';
