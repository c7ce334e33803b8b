/**
 * The two settings every app needs. Defaults point at the local services so a fresh clone works;
 * a malformed value stops the app at boot with a message naming the variable.
 */
export interface DubanEnv {
  databaseUrl: string;
  redisUrl: string;
  /** BullMQ key prefix: separate installations (or test runs) sharing one Redis use different ones. */
  queuePrefix: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/duban';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export class ConfigError extends Error {}

function checkUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}" (expected e.g. ${protocols[0]}//host:port/...)`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return value;
}

function checkPrefix(value: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new ConfigError(`QUEUE_PREFIX may hold only letters, digits, '.', '_' and '-' (1–64 characters), got "${value}"`);
  }
  return value;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): DubanEnv {
  return {
    databaseUrl: checkUrl('DATABASE_URL', env.DATABASE_URL || DEFAULT_DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: checkUrl('REDIS_URL', env.REDIS_URL || DEFAULT_REDIS_URL, ['redis:', 'rediss:']),
    queuePrefix: checkPrefix(env.QUEUE_PREFIX || 'duban'),
  };
}

/** Secret for signing login tokens. Required in production; a fixed development value otherwise. */
export function readJwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.JWT_SECRET;
  if (secret) {
    if (secret.length < 16) throw new ConfigError('JWT_SECRET must be at least 16 characters long');
    return secret;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError('JWT_SECRET must be set when NODE_ENV=production');
  return 'duban-development-secret-change-me';
}
