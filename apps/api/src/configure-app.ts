import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { dubanValidationPipe } from './http/validation.js';

/** Everything main.ts and the e2e tests must set up the same way. */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(dubanValidationPipe());
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('duban 督办 API')
    .setDescription('Plans, tasks and their lifecycle for coordinating offices and the departments they supervise.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
