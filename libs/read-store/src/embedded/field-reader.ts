import { resolve } from 'mingo/util';
import { Document } from '../document-store.port';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * mingo's `resolve`, without its overhead for a top-level field of a stored document (a plain object
 * from JSON.parse, so only the names Object.prototype has can be inherited).
 */
export const readerOf = (field: string): ((doc: Document) => unknown) => {
  if (field.includes('.') || field === '__proto__') return (doc) => resolve(doc, field);
  if (field in Object.prototype) return (doc) => (hasOwn.call(doc, field) ? doc[field] : undefined);
  return (doc) => doc[field];
};
