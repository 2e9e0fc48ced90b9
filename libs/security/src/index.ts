export * from './users/api-token';
export * from './users/sqlite-user-directory';
export * from './users/user-directory.port';
export * from './personal-data/key-store.port';
export * from './personal-data/personal-data-vault';
export * from './personal-data/sealed-value';
export * from './personal-data/sqlite-key-store';
export * from './personal-data/unsealing-event-store';
