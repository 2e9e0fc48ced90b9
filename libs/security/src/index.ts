export * from './users/api-token';
export * from './users/sqlite-user-directory';
export * from './users/user-directory.port';
