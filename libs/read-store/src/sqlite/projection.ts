import { Document, Projection } from '../document-store.port';
import { cloneJson } from './json';

// Projections of top-level fields, done here; anything else (dotted fields, operators, mixed) is mingo's.

/** A copy of each document through the projection; undefined for projections mingo must do (dotted, operators, mixed). */
export const projector = (projection: Projection | undefined): ((doc: Document) => Document) | undefined => {
  const fields = Object.entries(projection ?? {});
  if (fields.length === 0) return cloneJson;
  if (fields.some(([field, value]) => field.includes('.') || field.startsWith('$') || (value !== 0 && value !== 1))) return undefined;
  const others = fields.filter(([field]) => field !== '_id');
  const showId = projection!._id !== 0;
  if (others.length > 0 && others.every(([, value]) => value === 1)) {
    const included = others.map(([field]) => field);
    return (doc) => {
      const out: Record<string, unknown> = showId && doc._id !== undefined ? { _id: doc._id } : {};
      for (const field of included) if (Object.prototype.hasOwnProperty.call(doc, field)) out[field] = cloneJson(doc[field]);
      return out as Document;
    };
  }
  if (others.some(([, value]) => value === 1)) return undefined;
  if (others.length === 0 && projection!._id === 1) return (doc) => ({ _id: doc._id });
  const excluded = new Set(others.map(([field]) => field));
  if (!showId) excluded.add('_id');
  return (doc) => {
    // Copied key by key (a delete would leave a slow dictionary object).
    const out: Record<string, unknown> = {};
    for (const field in doc) if (!excluded.has(field)) out[field] = cloneJson(doc[field]);
    return out as Document;
  };
};
