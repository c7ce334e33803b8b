export * from './department.service.js';
export * from './user.service.js';
export * from './password.js';
