export * from './projection';
export * from './read-models';
export * from './read-models/register-journal.projection';
export * from './read-models/deadlines.projection';
export * from './statistics/statistics.projection';
export * from './statistics/facts-from-case';
export * from './statistics/summarize';
