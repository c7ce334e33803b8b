import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRedisClient } from '@duban/queue';
import { waitFor } from '../support/wait-for.js';

async function answersPing(url: string): Promise<boolean> {
  const c = createRedisClient(url);
  c.on('error', () => undefined);
  try {
    return (await c.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

/**
 * A throw-away redis-server on a free port, without persistence, so a test may FLUSHALL it without
 * touching the Redis other test files share.
 */
export class PrivateRedis {
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], {
      stdio: 'ignore',
    });
    const url = `redis://127.0.0.1:${port}`;
    await waitFor(() => answersPing(url), (up) => up, { timeoutMs: 10_000, intervalMs: 50, what: `redis-server on ${port} to start` });
    return new PrivateRedis(proc, url);
  }

  async flushAll(): Promise<void> {
    const c = createRedisClient(this.url);
    try {
      await c.flushall();
    } finally {
      await c.quit();
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
