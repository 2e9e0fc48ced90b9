import type { NextFunction, Request, Response } from 'express';

/** How deeply objects and arrays may nest in a request body; the deepest command body needs 3. */
export const MAX_JSON_DEPTH = 32;

/** The body is not JSON in UTF-8, the only thing this API reads (415). */
export class UnsupportedMediaType extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaType';
  }
}

/** The body nests deeper than MAX_JSON_DEPTH (400): validating it would exhaust the stack. */
export class TooDeeplyNested extends Error {
  constructor() {
    super(`The body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`);
    this.name = 'TooDeeplyNested';
  }
}

// Only what the body parser reads: a +json type would arrive unparsed, as an empty body.
const JSON_MEDIA_TYPE = /^application\/json$/i;

// The one route whose body is not JSON: an evidence file, sent as its own bytes with its own type.
const RAW_BODY_ROUTE = /^\/complaints\/[^/]+\/evidence\/?$/;
const isRawBodyRoute = (request: Request): boolean => request.method === 'POST' && RAW_BODY_ROUTE.test(request.path);

const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Before the body parser: a body must be JSON, and in UTF-8 when a charset is named. Otherwise the
 * parser either skips it (the request would fail validation as if empty) or throws an untyped error.
 */
export const jsonBodiesOnly = (request: Request, _response: Response, next: NextFunction): void => {
  if (!hasBody(request) || isRawBodyRoute(request)) return next();
  const [mediaType, ...parameters] = (request.headers['content-type'] ?? '').split(';').map((part) => part.trim());
  if (!JSON_MEDIA_TYPE.test(mediaType))
    return next(new UnsupportedMediaType(`Send the body as application/json (UTF-8), not ${mediaType ? `"${mediaType}"` : 'without a Content-Type'}.`));
  const charset = parameters.find((p) => /^charset=/i.test(p))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    return next(new UnsupportedMediaType(`The body must be UTF-8; charset "${charset.slice(0, 40)}" is not read here.`));
  next();
};

/** After the body parser: refuses bodies nested deeper than MAX_JSON_DEPTH, walking them without recursion. */
export const jsonDepthLimit = (request: Request, _response: Response, next: NextFunction): void => {
  next(exceedsDepth(request.body as unknown, MAX_JSON_DEPTH) ? new TooDeeplyNested() : undefined);
};

export const exceedsDepth = (value: unknown, max: number): boolean => {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
};
