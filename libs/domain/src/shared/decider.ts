/**
 * A stream type's rules as one value (Emmett's Decider): what a command causes given the state, and how
 * each event changes the state. `decide` answers events, or a rejection as a value; it does no I/O.
 */
export interface Decider<Command, Event, State, Context, Rejection = never> {
  decide(command: Command, state: State, context: Context): Event[] | Rejection;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The state a stream's events describe. */
export const foldWith = <Event, State>(decider: Pick<Decider<unknown, Event, State, unknown, unknown>, 'evolve' | 'initialState'>, events: Iterable<Event>): State => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
