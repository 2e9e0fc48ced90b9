import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { jsonBodiesOnly, jsonDepthLimit } from './http/json-body';
import { withCurrentExamples } from './http/openapi-examples';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestValidationPipe } from './http/validation';
import { InfrastructureOptions } from './infrastructure/infrastructure.module';
import { Clock, CLOCK } from './infrastructure/tokens';

/** Builds the HTTP application exactly as it runs, for main.ts, the e2e tests and the benchmark. */
export const createApp = async (options: InfrastructureOptions): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  if (options.config.auth.trustProxy !== false) app.set('trust proxy', options.config.auth.trustProxy);
  // Without upgrade-insecure-requests: on plain http (localhost) browsers would fetch /docs' assets over https and fail.
  // The workspace's "Sign in with …" fetches the provider's discovery document and token endpoint: connect-src allows the issuer.
  const { oidc } = options.config.auth;
  const directives: Record<string, string[] | null> = { upgradeInsecureRequests: null };
  if (oidc?.spaClientId) directives.connectSrc = ["'self'", new URL(oidc.issuer).origin];
  app.use(helmet({ contentSecurityPolicy: { directives } }));
  if (options.config.corsOrigins.length > 0) app.enableCors({ origin: options.config.corsOrigins, exposedHeaders: ['ETag', 'Location', 'Retry-After'] });
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: options.config.bodyLimit, strict: true });
  app.use(jsonDepthLimit);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.set('etag', false); // ETags are the complaint's revision, set by the controllers
  app.disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('complaint-ledger')
      .setDescription(
        'An event-sourced ledger of customer complaints. Every step of a complaint is an immutable, hash-chained event. ' +
          'Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A personal API token (ledger-cli users add) or an OpenID Connect access token' })
      .build(),
  );
  const clock = app.get<Clock>(CLOCK);
  const { deadlinePolicy } = options.config;
  withCurrentExamples(document, clock.now(), deadlinePolicy); // fails at start if a documented field has no example
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // Examples of times are computed when the document is served, so that they are valid when sent.
    patchDocumentOnRequest: (_req, _res, served) => withCurrentExamples(served, clock.now(), deadlinePolicy),
  });
  return app;
};
