import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FixedClock } from '@duban/clock';
import { DepartmentService, UserService } from '@duban/organization';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_REDIS_URL, deleteQueueKeys, testPrefix } from './test-queues.js';

export const E2E_JWT_SECRET = 'duban-e2e-secret-0123456789';
export const E2E_PASSWORD = 'duban-e2e-pass';

export interface E2eOptions {
  /** Where the shared FixedClock starts. */
  start?: string;
}

/**
 * The whole system in one process: a private database cloned from the migrated template, the HTTP
 * API on an ephemeral port, and the worker (outbox relay + processors) consuming from real Redis
 * under a private queue prefix. Both apps share one FixedClock. `close()` shuts everything down in
 * dependency order, so Jest exits without open handles.
 */
export class E2eApp {
  private constructor(
    readonly db: TestDatabase,
    readonly clock: FixedClock,
    readonly api: INestApplication,
    readonly worker: INestApplicationContext,
    readonly baseUrl: string,
    readonly queuePrefix: string,
  ) {}

  static async start(options: E2eOptions = {}): Promise<E2eApp> {
    const db = await createTestDatabase();
    const clock = new FixedClock(options.start ?? '2025-03-03T02:00:00Z');
    const queuePrefix = testPrefix();
    let api: INestApplication | undefined;
    let worker: INestApplicationContext | undefined;
    try {
      api = configureApp(
        await NestFactory.create(ApiModule.forRoot({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, jwtSecret: E2E_JWT_SECRET, clock }), {
          logger: ['error'],
          // Throw instead of process.exit, so a broken module fails the suite and still cleans up.
          abortOnError: false,
        }),
      );
      await api.listen(0, '127.0.0.1');
      const { port } = api.getHttpServer().address() as AddressInfo;
      worker = await NestFactory.createApplicationContext(
        WorkerModule.forRoot({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, queuePrefix, clock, relay: { idleMs: 50 } }),
        { logger: ['error'], abortOnError: false },
      );
      return new E2eApp(db, clock, api, worker, `http://127.0.0.1:${port}`, queuePrefix);
    } catch (err) {
      await api?.close().catch(() => undefined);
      await worker?.close().catch(() => undefined);
      await deleteQueueKeys(queuePrefix);
      await db.drop();
      throw err;
    }
  }

  /** A supertest client against the real listening server. */
  http() {
    return request(this.baseUrl);
  }

  /** The API's DataSource, for assertions on what was (not) stored. */
  get dataSource(): DataSource {
    return this.api.get(DataSource);
  }

  /** Resolves a provider of the API (use-cases for test setup that is not what a test is about). */
  get<T>(token: new (...args: never[]) => T): T {
    return this.api.get(token);
  }

  /**
   * The first account, as an operator would create it from the command line (the API has no
   * anonymous registration). Everything after this goes through HTTP.
   */
  async seedAdmin(username = 'e2e.admin'): Promise<{ username: string; password: string }> {
    const { id } = await this.get(DepartmentService).create(null, { code: 'e2e.it', name: '信息中心', kind: 'office' });
    await this.get(UserService).create(null, { username, displayName: '系统管理员', password: E2E_PASSWORD, role: 'admin', departmentId: id });
    return { username, password: E2E_PASSWORD };
  }

  /** Logs in through the API and returns the bearer token. */
  async login(username: string, password = E2E_PASSWORD): Promise<string> {
    const res = await this.http().post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  async close(): Promise<void> {
    // The API first (no new outbox rows), then the worker (relay and BullMQ workers close before
    // their database connection), then the queue keys and the database.
    await this.api.close();
    await this.worker.close();
    await deleteQueueKeys(this.queuePrefix);
    await this.db.drop();
  }
}
