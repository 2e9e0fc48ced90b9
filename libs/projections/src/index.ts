export * from './projection';
export * from './read-models';
