import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@app/event-store';
import { disagrees, documentCountProblem, ProjectionEngine } from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { DOCUMENT_STORE, EVENT_STORE, PROJECTION_ENGINE } from '../infrastructure/tokens';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Whether the stores answer (503 when not), and each read model: its lag behind $all, any event it stopped at, a rebuild interrupted or failed, ' +
      'or documents that disagree with the count its projection wrote ("degraded", with the problems)',
  })
  async health() {
    const [eventStore, readModels] = await Promise.all([up(this.store.ping()), up(this.documents.ping())]);
    if (eventStore === 'down' || readModels === 'down')
      throw new ServiceUnavailableException(`The ${eventStore === 'down' ? 'event store' : 'read-model store'} is unreachable.`);
    const projections = (await this.engine.status()).map(({ name, state, position, lag, failure, documents }) => ({ name, state, position, lag, failure, documents }));
    // A read model that may disagree with the log is never `ok`: one stopped at an event, a rebuild interrupted or failed,
    // or documents lost (or added) behind its projection's back.
    const problems = [
      ...(await this.engine.rebuildProblems()),
      ...projections.filter((p) => disagrees(p.documents)).map((p) => documentCountProblem(p.name, p.documents)),
    ];
    return { status: projections.some((p) => p.failure) || problems.length > 0 ? 'degraded' : 'ok', eventStore, readModels, projections, problems };
  }
}

const up = (check: Promise<void>): Promise<'up' | 'down'> => check.then(() => 'up' as const, () => 'down' as const);
