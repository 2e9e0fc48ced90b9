import { deadlinesProjection } from './read-models/deadlines.projection';
import { registerJournalProjection } from './read-models/register-journal.projection';
import { statisticsProjection } from './statistics/statistics.projection';

/** Every read model of the ledger, in the order they are started and rebuilt. */
export const ALL_PROJECTIONS = [registerJournalProjection, deadlinesProjection, statisticsProjection];
