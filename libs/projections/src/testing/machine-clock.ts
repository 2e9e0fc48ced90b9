import { Clock } from '@app/domain';

/** For specs that record times but do not look at them: the machine's clock (the application passes its Clock). */
export const machineClock: Clock = { now: () => new Date() };
