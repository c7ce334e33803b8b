import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection options from a REDIS_URL. Handing BullMQ options (not a client) lets each Queue and
 * Worker own its connections and close them on close(). Workers need `maxRetriesPerRequest: null`
 * so blocking commands survive reconnects.
 */
export function redisConnectionOptions(url: string): ConnectionOptions {
  // bullmq types its options against the ioredis it was built with; the shapes agree at runtime.
  return redisOptions(url) as ConnectionOptions;
}

function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** A plain client for health checks and admin commands; the caller quits it. */
export function createRedisClient(url: string): Redis {
  return new Redis(redisOptions(url));
}
