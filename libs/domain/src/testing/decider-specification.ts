import { deepStrictEqual } from 'node:assert/strict';
import { ComplaintCommand } from '../complaint/commands';
import { decide, DecisionContext } from '../complaint/decide';
import { DomainError, isDomainError } from '../complaint/errors';
import { ComplaintEvent } from '../complaint/events';
import { evolve } from '../complaint/evolve';
import { ComplaintState, initialState } from '../complaint/state';
import { DEFAULT_CATEGORY_CATALOGUE } from '../policies/categories';
import { DEFAULT_ROOT_CAUSE_TAXONOMY } from '../policies/root-causes';
import { DEFAULT_COMPENSATION_APPROVAL_POLICY } from '../policies/compensation-approval';
import { DEFAULT_DEADLINE_POLICY } from '../policies/deadlines';

// Given these events, when this command, then these events (or this refusal). Assertions use
// node:assert rather than jest's globals, so the helper does not depend on the test runner.

/** Anything that yields a complaint's history: an array of events or a builder (`aComplaint().received()`). */
export type History = readonly ComplaintEvent[] | { events(): ComplaintEvent[] };

/** A moment long after every default time of the builders, so a stated time never lies "in the future" by accident. */
export const SPEC_DEFAULT_NOW = new Date('2026-06-01T12:00:00.000Z');

/** Who acts when a specification names nobody: a manager, whom no approval threshold stops. */
export const SPEC_DEFAULT_ACTOR = { id: 'manager-dimitrov', role: 'manager' } as const;

export const aDecisionContext = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  now: SPEC_DEFAULT_NOW,
  actor: SPEC_DEFAULT_ACTOR,
  deadlinePolicy: DEFAULT_DEADLINE_POLICY,
  categories: DEFAULT_CATEGORY_CATALOGUE,
  compensationApproval: DEFAULT_COMPENSATION_APPROVAL_POLICY,
  rootCauses: DEFAULT_ROOT_CAUSE_TAXONOMY,
  ...overrides,
});

export interface ExpectedRefusal {
  kind?: DomainError['kind'];
  field?: string;
}

export interface Then {
  /** Asserts that the command produces exactly these events, in this order, with exactly these fields. */
  then(expected: ComplaintEvent[]): void;
  /** Asserts that the command is refused with this code (and, if given, this kind and field). */
  thenFails(code: string, expected?: ExpectedRefusal): DomainError;
}

export interface When {
  when(command: ComplaintCommand, context?: Partial<DecisionContext>): Then;
}

/** A specification that does not hold: what was expected, and what decide did instead. */
export class SpecificationFailure extends Error {
  override readonly name = 'SpecificationFailure';
}

const eventsOf = (history: History): ComplaintEvent[] => ('events' in history ? history.events() : [...history]);

const describeDecision = (decision: ComplaintEvent[] | DomainError): string =>
  isDomainError(decision)
    ? `a refusal ${decision.code} (${decision.message})`
    : `events [${decision.map((event) => event.type).join(', ')}]`;

/** The complaint decider's specification: `DeciderSpecification.for(defaults)(history).when(command).then(events)`. */
export const DeciderSpecification = {
  for:
    (defaults: Partial<DecisionContext> = {}) =>
    (history: History = []): When => ({
      when: (command, overrides = {}) => {
        const state = eventsOf(history).reduce<ComplaintState>(evolve, initialState());
        const decision = decide(command, state, aDecisionContext({ ...defaults, ...overrides }));
        return {
          then: (expected) => {
            if (isDomainError(decision))
              throw new SpecificationFailure(`Expected ${describeDecision(expected)} but got ${describeDecision(decision)}.`);
            deepStrictEqual(decision, expected);
          },
          thenFails: (code, expected = {}) => {
            if (!isDomainError(decision))
              throw new SpecificationFailure(`Expected a refusal ${code} but got ${describeDecision(decision)}.`);
            deepStrictEqual(
              { code: decision.code, kind: expected.kind && decision.kind, field: expected.field && decision.field },
              { code, kind: expected.kind, field: expected.field },
            );
            if (!decision.message.trim()) throw new SpecificationFailure(`Refusal ${code} has no message for a person.`);
            return decision;
          },
        };
      },
    }),
};

/** The specification with the default test context: `given(aComplaint().received()).when(...).then(...)`. */
export const given = DeciderSpecification.for();
