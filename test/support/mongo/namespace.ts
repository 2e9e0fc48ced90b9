import { badValue, CommandError } from './server-errors';

/**
 * A database's collection. The embedded store has no databases: a collection is stored under its
 * full name, `db.collection`, so databases stay apart and renames across them keep their meaning.
 */
export class Namespace {
  constructor(readonly db: string, readonly collection: string) {}

  get full(): string {
    return `${this.db}.${this.collection}`;
  }

  static of(db: unknown, collection: unknown): Namespace {
    if (typeof db !== 'string' || db === '') throw badValue('The command names no database ($db).');
    if (typeof collection !== 'string' || collection === '') throw badValue(`Invalid collection name: ${JSON.stringify(collection)}.`);
    return new Namespace(db, collection);
  }

  /** `db.collection`, as renameCollection names them. */
  static parse(full: unknown): Namespace {
    const dot = typeof full === 'string' ? full.indexOf('.') : -1;
    if (dot <= 0) throw new CommandError(73, 'InvalidNamespace', `Invalid namespace specified '${String(full)}'`);
    return new Namespace((full as string).slice(0, dot), (full as string).slice(dot + 1));
  }
}
