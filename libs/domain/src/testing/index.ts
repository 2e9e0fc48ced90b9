// Test support for the complaint decider: builders and the given/when/then specification.
// Not exported from the domain's index: production code never imports it.
export * from './builders';
export * from './decider-specification';
export * from './evidence';
export * from './personal-history';
export * from './generator';
