/** The only source of "now" in the application: the domain is handed the time, and tests replace the clock. */
export interface Clock {
  now(): Date;
}
