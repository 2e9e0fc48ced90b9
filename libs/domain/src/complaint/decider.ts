import { Decider } from '../shared/decider';
import { ComplaintCommand } from './commands';
import { decide, DecisionContext } from './decide';
import { decideErasure, ErasePersonalData } from './erasure';
import { DomainError } from './errors';
import { ComplaintEvent } from './events';
import { evolve } from './evolve';
import { ComplaintState, initialState } from './state';

/** Every command a complaint's stream takes: the case's own, and the erasure of its personal data. */
export type ComplaintStreamCommand = ComplaintCommand | ErasePersonalData;

/** The complaint stream type: its rules (decide.ts, erasure.ts) and its fold (evolve.ts). */
export const complaintDecider: Decider<ComplaintStreamCommand, ComplaintEvent, ComplaintState, DecisionContext, DomainError> = {
  decide: (command, state, context) =>
    command.type === 'ErasePersonalData' ? decideErasure(command, state, context.now.toISOString()) : decide(command, state, context),
  evolve,
  initialState,
};
