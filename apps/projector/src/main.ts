import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/platform';
import { createProjector } from './projector.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const projector = await createProjector({ config });
  await projector.listen(config.port, config.host);
  projector.get(Logger).log({
    msg: `Projector running; health on http://localhost:${config.port}/health`,
    eventStore: config.eventStoreConnectionString ? 'eventstoredb' : 'embedded',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
