import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from '@app/platform';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  const events = config.eventStoreConnectionString ? 'events on EventStoreDB' : `events in ${config.dataDir}`;
  const readModels = config.mongodbUri ? 'read models on MongoDB' : 'read models embedded';
  const projections = config.projections === 'external' ? ', projections in the projector' : '';
  console.log(`complaint-ledger API on http://localhost:${config.port} (${events}, ${readModels}${projections}); OpenAPI at /docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
