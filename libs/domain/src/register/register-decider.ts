import { Decider } from '../shared/decider';
import { decideReservation, decideSweep, OpenReservation, RegisterEvent, RegisterYear, registerYearFromTail, ReservationOutcome } from './register-number';

/**
 * The two things done to a year's register: reserve a number for a complaint, or sweep (void what was
 * abandoned). Both carry what became of the open reservations, as found in their complaints' streams.
 */
export type RegisterCommand =
  | { type: 'ReserveRegisterNumber'; data: { complaintId: string; commandId: string; now: Date; outcomes: ReadonlyMap<number, ReservationOutcome> } }
  | { type: 'SweepRegister'; data: { now: Date; outcomes: ReadonlyMap<number, ReservationOutcome> } };

/**
 * The register stream type of one year. Every register event carries the open reservations after it,
 * so the state is the tail's: evolve replaces it, and reading the last event is enough.
 */
export const registerDecider = (year: number): Decider<RegisterCommand, RegisterEvent, RegisterYear, void> => ({
  decide: (command, register) =>
    command.type === 'ReserveRegisterNumber' ? decideReservation(register, command.data, command.data.outcomes).events : decideSweep(register, command.data.outcomes, command.data.now),
  evolve: (_register, event) => registerYearFromTail(year, event),
  initialState: () => registerYearFromTail(year),
});

/** The reservation a complaint holds in the register (after its reservation was appended). */
export const reservationOf = (register: RegisterYear, complaintId: string): OpenReservation | undefined =>
  register.openReservations.find((reservation) => reservation.complaintId === complaintId);
