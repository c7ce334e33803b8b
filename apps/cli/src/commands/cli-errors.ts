import { connect } from 'node:net';
import { ConfigError } from '@duban/config';
import { RegistryValidationError } from '@duban/registry';
import { SamplePlanError } from './sample-plan.js';

/** Errors an operator can act on: printed as one clear message, without a stack trace. */
export class CliError extends Error {}

/** Turns the usual failures (services down, bad config, bad seed files) into a message that says what to do. */
export function explain(err: unknown): string | null {
  if (err instanceof CliError || err instanceof ConfigError || err instanceof RegistryValidationError || err instanceof SamplePlanError) {
    return err.message;
  }
  const e = err as { code?: string; message?: string; address?: string; port?: number };
  if (e?.code === 'ECONNREFUSED') {
    return `无法连接 PostgreSQL（${e.address ?? '127.0.0.1'}:${e.port ?? 5432}）：请启动 PostgreSQL，或 docker compose up -d；连接串由 DATABASE_URL 指定`;
  }
  if (e?.code === '28P01' || e?.code === '28000') return `PostgreSQL 拒绝登录：检查 DATABASE_URL 中的用户名和密码（${e.message}）`;
  return null;
}

/** Runs a command body; known failures become a message and exit code 1, anything else propagates with its stack. */
export async function withCliErrors(name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const message = explain(err);
    if (message === null) throw err;
    process.stderr.write(`duban ${name}: ${message}\n`);
    return 1;
  }
}

/** A plain RESP PING, so a Redis that is down fails fast instead of retrying forever. */
export async function assertRedisAnswers(redisUrl: string, timeoutMs = 3000): Promise<void> {
  const u = new URL(redisUrl);
  if (u.protocol !== 'redis:' || u.password) return; // TLS or AUTH: leave it to the apps' own clients
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error('timed out')), timeoutMs);
    let data = '';
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      if (data.includes('\r\n')) socket.end();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  }).catch((err: Error) => {
    throw new CliError(`无法连接 Redis（${host}:${port}）：${err.message}。请启动 Redis，或 docker compose up -d；地址由 REDIS_URL 指定`);
  });
  if (!reply.startsWith('+PONG')) throw new CliError(`Redis（${host}:${port}）没有应答 PING：${reply.trim() || '(无应答)'}`);
}
