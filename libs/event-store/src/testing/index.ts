/** Test equipment for writing chained streams by hand (specs, contract suites, e2e tests); never for production code. */
export { appendChained } from './chained-append';
