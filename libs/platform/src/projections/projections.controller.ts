import { Controller, Get, HttpCode, Inject, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/domain';
import { ProjectionEngine, RebuildInProgressError } from '@app/projections';
import { ApplicationError } from '../application/errors';
import { ApiAuthenticated } from '../http/openapi.decorators';
import { FromActor } from '../http/request-context';
import { PROJECTION_ENGINE } from '../infrastructure/tokens';

@ApiTags('Operations')
@ApiAuthenticated()
@Controller('projections')
export class ProjectionsController {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  @Get()
  @ApiOperation({ summary: 'Each read model: state, position reached, lag behind the head of $all, a stopping event, a rebuild in progress' })
  async list() {
    return { projections: await this.engine.status() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a read model (or `all`) from position zero beside the live one, then swap it in; follow it on GET /projections' })
  @ApiAcceptedResponse({ description: 'The rebuild started; progress is on GET /projections/{name}/rebuild' })
  @ApiConflictResponse({ description: 'A rebuild is running already (here or in another process): problem+json, code `rebuild-in-progress`, naming it' })
  async rebuild(@Param('name') name: string, @FromActor() actor: Actor) {
    const names = this.named(name);
    this.assertRunsProjections();
    // Answered once the rebuild holds the lock, so that a second request learns of the first.
    const { finished } = await refusedWhileRebuilding(() => this.engine.startRebuild(name));
    this.logger.log(`Rebuild of ${names.join(', ')} requested by ${actor.id} (${actor.role})`);
    // `all` is one pass over $all that builds every read model.
    void finished.catch((error: unknown) => this.logger.error(`Rebuild of ${name} failed: ${String(error)}`));
    return { rebuilding: names };
  }

  @Get(':name/rebuild')
  @ApiOperation({ summary: 'Progress of the last rebuild of a read model: events/s, estimated time left' })
  progress(@Param('name') name: string) {
    this.named(name);
    return this.engine.rebuildProgress(name) ?? { projection: name, state: 'none' };
  }

  @Post(':name/restart')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart a read model that stopped at an event it could not handle (after a fix), from its checkpoint' })
  async restart(@Param('name') name: string, @FromActor() actor: Actor) {
    this.assertRunsProjections();
    for (const projection of this.named(name)) {
      this.logger.log(`Restart of ${projection} requested by ${actor.id} (${actor.role})`);
      await refusedWhileRebuilding(() => this.engine.restart(projection));
    }
    return { projections: await this.engine.status() };
  }

  /** With PROJECTIONS=external the projector writes the read models: rebuilds and restarts are asked of it. */
  private assertRunsProjections(): void {
    if (!this.engine.runsProjections)
      throw new ApplicationError('projections-run-elsewhere', 'The projections run in the projector (PROJECTIONS=external): rebuild or restart them there.');
  }

  private named(name: string): string[] {
    if (name === 'all') return this.engine.names;
    if (!this.engine.names.includes(name))
      throw new ApplicationError('projection-not-found', `No read model "${name}"; there are: ${this.engine.names.join(', ')}.`);
    return [name];
  }
}

/** A rebuild already running (in any process) is the client's conflict: 409, naming it. */
const refusedWhileRebuilding = async <T>(action: () => Promise<T>): Promise<T> => {
  try {
    return await action();
  } catch (error) {
    if (error instanceof RebuildInProgressError) throw new ApplicationError('rebuild-in-progress', error.message, { rebuild: error.rebuild });
    throw error;
  }
};
