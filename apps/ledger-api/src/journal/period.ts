import { addDays, startOfLocalDay } from '@app/domain';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A period as [from, until): a date alone means the whole day in the deployment's time zone (from
 * its midnight to the next), as the register's deadlines do; an instant is included.
 */
export const periodBounds = (from?: string, to?: string, timeZone = 'UTC'): { from?: string; until?: string } => ({
  from: from === undefined ? undefined : isDateOnly(from) ? startOfLocalDay(timeZone, from) : new Date(from).toISOString(),
  until:
    to === undefined ? undefined : isDateOnly(to) ? startOfLocalDay(timeZone, addDays(to, 1)) : new Date(Date.parse(to) + 1).toISOString(),
});

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * On `to`: the period must not end before it starts (`from` later than `to` would answer an empty
 * result that looks like "nothing happened"). Date-only bounds mean whole days, as in the filter.
 */
export const NotBeforeFrom = (options?: ValidationOptions): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'notBeforeFrom',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: 'must not be earlier than from', ...options },
    validator: {
      validate(to: unknown, args: ValidationArguments) {
        const from = (args.object as { from?: unknown }).from;
        if (typeof to !== 'string' || typeof from !== 'string') return true;
        // Unparseable values are reported by @IsISO8601; only a real inversion is this rule's business.
        try {
          const bounds = periodBounds(from, to);
          return Date.parse(bounds.from as string) < Date.parse(bounds.until as string);
        } catch {
          return true;
        }
      },
    },
  });
