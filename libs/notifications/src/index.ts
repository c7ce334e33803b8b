export * from './channel-sender.js';
export * from './email.channel.js';
export * from './robot-rate-limiter.js';
export * from './webhook-payloads.js';
export * from './webhook.channel.js';
