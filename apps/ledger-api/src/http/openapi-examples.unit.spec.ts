import { answerDeadline, DEFAULT_DEADLINE_POLICY, DeadlinePolicy, statutoryAnswerLimit } from '@app/domain';
import { timeExamples } from './openapi-examples';

// The time examples must satisfy the decider's rules whenever the page is loaded, under any policy.
describe('the time examples of the OpenAPI document', () => {
  const policies: DeadlinePolicy[] = [
    DEFAULT_DEADLINE_POLICY,
    { ...DEFAULT_DEADLINE_POLICY, version: 'short', answerDays: 1, answerDayKind: 'working', holidays: ['2026-12-25'] },
    { ...DEFAULT_DEADLINE_POLICY, version: 'long', answerDays: 56 },
    // Issue 14: in Sofia, the example's category answered within one working day, the others within a month.
    {
      ...DEFAULT_DEADLINE_POLICY,
      version: 'sofia',
      timeZone: 'Europe/Sofia',
      answerDays: 1,
      answerDayKind: 'months',
      answerPeriodsByCategory: { 'product-quality': { count: 1, unit: 'working-days' } },
    },
  ];
  const moments = ['2026-12-07T00:10:00.000Z', '2026-12-24T23:59:00.000Z', '2026-12-26T12:00:00.000Z', '2027-02-28T23:30:00.000Z'];

  it.each(policies.flatMap((policy) => moments.map((now) => [policy.version, now, policy] as const)))(
    'under policy %s at %s they keep the rules',
    (_, nowIso, policy) => {
      const now = Date.parse(nowIso);
      const examples = timeExamples(new Date(now), policy);
      const at = (value: string) => Date.parse(value);
      const receivedAt = at(examples.ReceiveComplaintDto.receivedAt);
      const promised = at(examples.RegisterComplaintDto.promisedAnswerBy);
      expect(receivedAt).toBeLessThanOrEqual(now);
      // promised: not in the past when sent soon after loading, and within the policy's deadline from receipt
      expect(promised).toBeGreaterThan(now + 60_000);
      const subject = { category: 'product-quality', severity: 'medium' }; // the registration example's
      expect(promised).toBeLessThanOrEqual(at(answerDeadline(policy, examples.ReceiveComplaintDto.receivedAt, subject).dueAt));
      // the extension moves the deadline past the one the registration example promises, and stays within the statutory limit
      expect(at(examples.ExtendAnswerDeadlineDto.answerDueAt)).toBeGreaterThan(promised);
      expect(at(examples.ExtendAnswerDeadlineDto.answerDueAt)).toBeLessThanOrEqual(
        at(statutoryAnswerLimit(policy, examples.ReceiveComplaintDto.receivedAt).dueAt),
      );
      expect(at(examples.ExtendAnswerDeadlineDto.customerInformedAt)).toBeLessThanOrEqual(now);
      // the contact lies after the receipt and not in the future
      expect(at(examples.RecordContactDto.contactedAt)).toBeGreaterThanOrEqual(receivedAt);
      expect(at(examples.RecordContactDto.contactedAt)).toBeLessThanOrEqual(now);
      // the follow-up lies after the page was loaded, within the five minutes' skew the decider allows
      expect(at(examples.RecordFollowUpDto.contactedAt) - now).toBeGreaterThan(0);
      expect(at(examples.RecordFollowUpDto.contactedAt) - now).toBeLessThan(5 * 60_000);
    },
  );
});
