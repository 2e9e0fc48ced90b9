import { createHash, randomBytes } from 'node:crypto';

/** Personal API tokens start with this, so they are told apart from JWTs and easy to find in leaked text. */
export const API_TOKEN_PREFIX = 'clt_';

/** 256 random bits: guessing is hopeless, so a fast hash is enough to store it. */
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const hashApiToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const looksLikeApiToken = (token: string): boolean => token.startsWith(API_TOKEN_PREFIX);
