import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRedisClient } from '@duban/queue';

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
    const deadline = Date.now() + 10_000;
    for (;;) {
      const c = createRedisClient(url);
      c.on('error', () => undefined);
      try {
        if ((await c.ping()) === 'PONG') break;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        c.disconnect();
      }
    }
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
