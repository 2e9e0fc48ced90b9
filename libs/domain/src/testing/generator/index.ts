// One generator of complaint histories for every test and benchmark that needs many: the projections' property
// specs (a register in memory) and the ledger written into a store (test/support/ledger-generator.ts).
export { seededRandom, type Random } from './random';
export { generateCase, instantOf, numberRegistration, receiptTimes, type GeneratedCase, type Step, type StepEnvelope } from './lifecycle';
export { DAY, HOUR, MINUTE } from './world';
export { generateRegister, type RegisterOptions } from './register';
