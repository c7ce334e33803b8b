export * from './plan.service.js';
export * from './plan-path.js';
