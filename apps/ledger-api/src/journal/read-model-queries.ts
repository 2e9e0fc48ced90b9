import { Injectable } from '@nestjs/common';
import { IQuery, QueryBus } from '@nestjs/cqrs';
import { ReadYourWrites } from '@app/platform';

/** Every answer from the read models says the `$all` position they had reached when it was read. */
export type Reflecting<T> = T & { position: string | null };

/**
 * Asks a query of the read models once they reflect the client's own writes (`minPosition`, from a
 * command's answer; 503 read-model-behind after the wait), and says which position the answer reflects:
 * the one every read model had reached before it was read, so everything up to it is in the answer.
 */
@Injectable()
export class ReadModelQueries {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async ask<T extends object>(query: IQuery, minPosition: string | undefined): Promise<Reflecting<T>> {
    await this.readYourWrites.reach(minPosition);
    const position = this.readYourWrites.position;
    const answer = await this.queryBus.execute<IQuery, T>(query);
    return { ...answer, position };
  }
}
