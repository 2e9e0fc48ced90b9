/** Injection tokens for the ports the application depends on. */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const APP_CONFIG = Symbol('AppConfig');
export const DOCUMENT_STORE = Symbol('DocumentStore');
export const PROJECTION_ENGINE = Symbol('ProjectionEngine');

import type { Clock } from '@app/domain';

export type { Clock };

export const systemClock: Clock = { now: () => new Date() };
