export * from './plan.service.js';
export * from './plan-path.js';
export * from './plan-policy.use-case.js';
