import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter, InfrastructureOptions } from '@app/platform';
import { ProjectorModule } from './projector.module';

/**
 * Builds the projector as it runs. On SIGTERM Nest closes it: each runner finishes its batch and saves
 * its checkpoint before the stores close (ProjectionsModule.beforeApplicationShutdown).
 */
export const createProjector = async (options: InfrastructureOptions): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(ProjectorModule.forRoot(options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  return app;
};
