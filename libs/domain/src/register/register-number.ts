import { IsoDateTime } from '../shared/time';

/**
 * Register numbers are gapless per year (`2026-000042`). The register of a year is its own stream,
 * `register-2026`; a number is reserved by appending to it with optimistic concurrency, so the
 * event store is the only counter. Reserving (register stream) and registering (complaint stream)
 * are two appends: a reservation stays "open" until its complaint is registered under it, and an
 * open reservation is reused by a retry for the same complaint or visibly voided with a reason.
 */

export const registerStreamId = (year: number): string => `register-${year}`;

export const formatRegisterNumber = (year: number, sequence: number): string =>
  `${year}-${String(sequence).padStart(6, '0')}`;

export const isRegisterNumber = (value: string): boolean => /^\d{4}-\d{6}$/.test(value);

export interface OpenReservation {
  registerNumber: string;
  sequence: number;
  complaintId: string;
  commandId: string;
  reservedAt: IsoDateTime;
}

// Each register event carries the open reservations after it: the tail of the stream alone then
// tells the state of the year's register, so reserving a number never scans the whole year.
export type RegisterNumberReserved = {
  type: 'RegisterNumberReserved';
  data: OpenReservation & { year: number; openReservations: OpenReservation[] };
};

export type RegisterNumberVoided = {
  type: 'RegisterNumberVoided';
  data: {
    year: number;
    registerNumber: string;
    sequence: number;
    complaintId: string;
    reason: string;
    voidedAt: IsoDateTime;
    /** The highest number handed out so far: a void never frees a number. */
    lastSequence: number;
    openReservations: OpenReservation[];
  };
};

/** A retry takes its complaint's open reservation again; the append is what makes it safe (see decideReservation). */
export type RegisterNumberReservationRenewed = {
  type: 'RegisterNumberReservationRenewed';
  data: OpenReservation & { year: number; lastSequence: number; openReservations: OpenReservation[] };
};

export type RegisterEvent = RegisterNumberReserved | RegisterNumberVoided | RegisterNumberReservationRenewed;

export const REGISTER_EVENT_SCHEMA_VERSIONS: Record<RegisterEvent['type'], number> = {
  RegisterNumberReserved: 1,
  RegisterNumberVoided: 1,
  RegisterNumberReservationRenewed: 1,
};

export interface RegisterYear {
  year: number;
  lastSequence: number;
  openReservations: OpenReservation[];
}

/** The register of a year, from the last event of its stream (or none yet). */
export const registerYearFromTail = (year: number, tail?: RegisterEvent): RegisterYear => {
  if (!tail) return { year, lastSequence: 0, openReservations: [] };
  const lastSequence = tail.type === 'RegisterNumberReserved' ? tail.data.sequence : tail.data.lastSequence;
  return { year, lastSequence, openReservations: tail.data.openReservations };
};

/** What became of an open reservation, as found in its complaint's stream. */
export type ReservationOutcome =
  | { kind: 'used' }
  | { kind: 'pending' }
  | { kind: 'abandoned'; reason: string };

/** `append`: a new number; `renew`: the complaint's own open reservation, taken again by a retry. */
export type ReservationDecision = { kind: 'append' | 'renew'; reservation: OpenReservation; events: RegisterEvent[] };

/**
 * Reserves a number for a complaint: its own open reservation if it has one (a retry after a crash
 * between the two appends), otherwise the next number. Open reservations that were used are
 * dropped; abandoned ones are voided in the same append, so every number is explained.
 */
export const decideReservation = (
  register: RegisterYear,
  request: { complaintId: string; commandId: string; now: Date },
  outcomes: ReadonlyMap<number, ReservationOutcome>,
): ReservationDecision => {
  const now = request.now.toISOString();
  const own = register.openReservations.find((r) => r.complaintId === request.complaintId);
  const voiding = voidAbandoned(register, outcomes, now, own);
  const events: RegisterEvent[] = [...voiding.events];
  let open = voiding.open;
  if (own) {
    // Renewed by an append, not reused silently: a concurrent registration that would void this
    // reservation as abandoned now conflicts with the retry on the register stream instead.
    const renewed: OpenReservation = { ...own, commandId: request.commandId, reservedAt: now };
    open = open.map((r) => (r === own ? renewed : r));
    events.push({
      type: 'RegisterNumberReservationRenewed',
      data: { ...renewed, year: register.year, lastSequence: register.lastSequence, openReservations: open },
    });
    return { kind: 'renew', reservation: renewed, events };
  }
  const sequence = register.lastSequence + 1;
  const reservation: OpenReservation = {
    registerNumber: formatRegisterNumber(register.year, sequence),
    sequence,
    complaintId: request.complaintId,
    commandId: request.commandId,
    reservedAt: now,
  };
  events.push({
    type: 'RegisterNumberReserved',
    data: { ...reservation, year: register.year, openReservations: [...open, reservation] },
  });
  return { kind: 'append', reservation, events };
};

/**
 * Drops the open reservations that were used and voids the abandoned ones (except `keep`, a retry's
 * own reservation), each void carrying the reservations still open after it.
 */
const voidAbandoned = (
  register: RegisterYear,
  outcomes: ReadonlyMap<number, ReservationOutcome>,
  now: IsoDateTime,
  keep?: OpenReservation,
): { events: RegisterNumberVoided[]; open: OpenReservation[] } => {
  const events: RegisterNumberVoided[] = [];
  let open = register.openReservations.filter((r) => r === keep || outcomes.get(r.sequence)?.kind !== 'used');
  for (const reservation of register.openReservations) {
    if (reservation === keep) continue;
    const outcome = outcomes.get(reservation.sequence);
    if (outcome?.kind !== 'abandoned') continue;
    open = open.filter((r) => r.sequence !== reservation.sequence);
    events.push({
      type: 'RegisterNumberVoided',
      data: {
        year: register.year,
        registerNumber: reservation.registerNumber,
        sequence: reservation.sequence,
        complaintId: reservation.complaintId,
        reason: outcome.reason,
        voidedAt: now,
        lastSequence: register.lastSequence,
        openReservations: open,
      },
    });
  }
  return { events, open };
};

/**
 * Settles a year's open reservations without a registration (the sweeper's round): abandoned ones are
 * voided with their reason. Nothing to append when none is abandoned; used ones need no event, their
 * complaint's registration already explains the number.
 */
export const decideSweep = (register: RegisterYear, outcomes: ReadonlyMap<number, ReservationOutcome>, now: Date): RegisterNumberVoided[] =>
  voidAbandoned(register, outcomes, now.toISOString()).events;

/** A number that no complaint carries, and why: what an inspector needs to explain a gap. */
export interface VoidedRegisterNumber {
  year: number;
  registerNumber: string;
  sequence: number;
  complaintId: string;
  /** When the number was first taken. */
  reservedAt: IsoDateTime;
  voidedAt: IsoDateTime;
  reason: string;
}

/** The voided numbers of a year's register stream, in sequence. */
export const voidedNumbersOf = (events: readonly RegisterEvent[]): VoidedRegisterNumber[] => {
  const reservedAt = new Map<number, IsoDateTime>();
  const voided: VoidedRegisterNumber[] = [];
  for (const event of events) {
    if (event.type === 'RegisterNumberReserved') reservedAt.set(event.data.sequence, event.data.reservedAt);
    if (event.type === 'RegisterNumberVoided') {
      const { year, registerNumber, sequence, complaintId, voidedAt, reason } = event.data;
      voided.push({ year, registerNumber, sequence, complaintId, reservedAt: reservedAt.get(sequence) ?? voidedAt, voidedAt, reason });
    }
  }
  return voided.sort((a, b) => a.sequence - b.sequence);
};
