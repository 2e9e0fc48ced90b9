import { DomainError, invalidInput } from '../complaint/errors';

/**
 * Who may be made responsible for a case: a known person with the quality-officer role. The deployment
 * says who is known (its user directory, an allow-list, the people its identity provider has shown);
 * the domain only asks. A context without a roster (replays, old specs) checks nothing.
 */
export interface OfficerRoster {
  isOfficer(id: string): boolean;
  /** Where the roster comes from, for the refusal: "the user directory", "OFFICERS". */
  source: string;
}

/** A roster of these ids (an allow-list, a directory read once). */
export const rosterOf = (ids: Iterable<string>, source: string): OfficerRoster => {
  const known = new Set(ids);
  return { isOfficer: (id) => known.has(id), source };
};

export const refuseUnknownOfficer = (roster: OfficerRoster | undefined, field: string, id: string): DomainError | undefined =>
  roster && !roster.isOfficer(id)
    ? invalidInput(field, 'unknown-officer', `"${id}" is not a known quality officer (${roster.source}).`)
    : undefined;
