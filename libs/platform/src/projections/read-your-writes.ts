import { Inject, Injectable } from '@nestjs/common';
import { ProjectionEngine } from '@app/projections';
import { ApplicationError } from '../application/errors';
import { PROJECTION_ENGINE } from '../infrastructure/tokens';

/** How long a query waits for the read models to reach the position a client asked for. */
export const MIN_POSITION_WAIT_MS = 5_000;

/**
 * Read your own writes: every command answers the global position it wrote; a query given
 * `minPosition` waits (bounded) until every read model has reached it, else answers 503 with Retry-After.
 */
@Injectable()
export class ReadYourWrites {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  async reach(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!(await this.engine.waitFor(BigInt(minPosition), MIN_POSITION_WAIT_MS)))
      throw new ApplicationError('read-model-behind', `The read models have not reached position ${minPosition} yet; retry shortly.`);
  }

  /** The position every read model has reached: what an answer reflects. */
  get position(): string | null {
    return this.engine.position?.toString() ?? null;
  }
}
