import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './cli-errors.js';
import { REPO_ROOT } from './repo-paths.js';

/**
 * The API and the worker run as their own processes, started the way `npm run api` / `npm run
 * worker` start them: apps never import each other, and the CLI is an app too.
 */
export class AppProcess {
  private readonly tail: string[] = [];
  private live = false;
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: 'api' | 'worker',
    env: NodeJS.ProcessEnv,
  ) {
    const entry = join(REPO_ROOT, `apps/${name}/src/main.ts`);
    const register = pathToFileURL(join(REPO_ROOT, 'scripts/register.mjs')).href;
    this.child = spawn(process.execPath, ['--import', register, entry], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        if (this.live) process.stderr.write(`[${name}] ${line}\n`);
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
      }
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** From now on, forward the child's log lines to our stderr. */
  streamLogs(): void {
    this.live = true;
  }

  /** The child's last log lines, to explain a failure. */
  logTail(): string {
    return this.tail.map((l) => `  [${this.name}] ${l}`).join('\n');
  }

  /** Resolves when a log line matches; rejects when the child exits first or the deadline passes. */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.tail.some((l) => pattern.test(l))) {
      if (!this.running) throw new CliError(`${this.name} exited before it was ready:\n${this.logTail()}`);
      if (Date.now() > deadline) throw new CliError(`${this.name} was not ready after ${timeoutMs / 1000} s:\n${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM, so the app closes its queues and connections; SIGKILL if it does not exit in time. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.running) this.child.kill('SIGKILL');
        resolve();
      }, timeoutMs);
    });
    await Promise.race([this.exited, killed]);
    clearTimeout(timer);
    await this.exited;
  }
}

/** Fails early, with what to do, when something already listens on the API port. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          err.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用（也许另一个 demo 仍在运行）：停止它，或用 PORT=<其他端口> npm run demo`
            : `cannot listen on port ${port}: ${err.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Polls GET /health until it answers 200. */
export async function waitForHealth(api: AppProcess, baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!api.running) throw new CliError(`the API exited before it was ready:\n${api.logTail()}`);
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new CliError(`the API did not answer ${baseUrl}/health within ${timeoutMs / 1000} s:\n${api.logTail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
