// mingo publishes `mingo/util` through package.json "exports", which this project's module resolution
// (node10) does not read for types; Node and jest do resolve it at run time.
declare module 'mingo/util' {
  export * from 'mingo/types/util';
}
