/** Test equipment for writing chained streams by hand (specs, contract suites, e2e tests, the bench); never for production code. */
export { anEnvelope } from './an-envelope';
export { appendChained } from './chained-append';
