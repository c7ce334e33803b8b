import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readEnv } from '@duban/config';
import { readSmtpConfig } from './smtp-config.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap() {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...readEnv(), smtp: readSmtpConfig() }), { logger: ['error', 'warn', 'log'] });
  // SIGTERM/SIGINT close the BullMQ workers and the relay before the database connection.
  app.enableShutdownHooks();
  process.stderr.write('duban worker running (outbox relay, inbox, deadline sweep, notifications)\n');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`duban worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
