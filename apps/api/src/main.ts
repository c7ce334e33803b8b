import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readEnv, readJwtSecret } from '@duban/config';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap() {
  const env = readEnv();
  const app = await NestFactory.create(ApiModule.forRoot({ ...env, jwtSecret: readJwtSecret() }), { logger: ['error', 'warn', 'log'] });
  configureApp(app);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  process.stderr.write(`duban API listening on http://127.0.0.1:${port}/api (docs: /api/docs)\n`);
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`duban API failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
