import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuthConfigController } from './auth-config.controller';
import { MeController } from './me.controller';

/** The workspace's client routes; every other path stays the API's (an unknown one is a problem+json 404). */
export const WORKSPACE_ROUTES = /^\/(?:journal|case\/[^/]+|new-complaint|deadlines|statistics|administration|sign-in)?\/?$/;

/** Where `npm run build:web` puts the workspace: dist/web beside dist/apps (built) or under the working directory. */
export const workspaceDir = (): string | undefined =>
  [resolve(__dirname, '../../../../web'), join(process.cwd(), 'dist/web')].find((dir) => existsSync(join(dir, 'index.html')));

/** Serves the browser workspace (apps/web, built) at / when it has been built; the API works without it. */
@Module({})
export class WebModule {
  static forRoot(): DynamicModule {
    const rootPath = workspaceDir();
    return {
      module: WebModule,
      imports: rootPath
        ? [ServeStaticModule.forRoot({ rootPath, renderPath: WORKSPACE_ROUTES, serveStaticOptions: { index: false, fallthrough: true } })]
        : [],
      controllers: [MeController, AuthConfigController],
    };
  }
}
