import { aCaseIn, CaseState } from '../support/cases';
import { aCompensationBody, aComplaintBody, anAnswerBody, anInvestigationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, useTestApp } from '../support/test-app';

// Whoever performs a command is the person recorded, from the verified principal; and the manager
// threshold caps a case's cumulative compensation per currency.

describe('who is recorded, and who may grant how much', () => {
  const t = useTestApp({ env: { COMPENSATION_APPROVAL_THRESHOLDS: 'EUR:50000,BGN:100000' } });

  const post = (path: string, actor: Record<string, string>, body: object) => t.http.post(path).set(actor).send(body);

  const aCase = (state: CaseState): Promise<string> => aCaseIn(t.http, state);

  const lastEventData = async (id: string): Promise<Record<string, unknown>> => {
    const history = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    return history.events[history.events.length - 1].data;
  };

  describe('names of people come from the principal', () => {
    // field, who performs it, the case it needs, where it is posted, the body without the field
    const commands = [
      ['takenBy', clerk, null, '/complaints', aComplaintBody()],
      ['investigatedBy', officer, 'registered', 'investigation', anInvestigationBody()],
      ['decidedBy', manager, 'registered', 'investigation-waiver', { reason: 'Same fault as 2026-000041.' }],
      ['signedBy', manager, 'investigated', 'answer', anAnswerBody()],
      ['approvedBy', officer, 'answered', 'compensations', aCompensationBody()],
    ] as const;

    const target = async (needs: (typeof commands)[number][2], step: string): Promise<{ path: string; id?: string }> => {
      if (needs === null) return { path: step };
      const id = await aCase(needs);
      return { path: `/complaints/${id}/${step}`, id };
    };

    it.each(commands)('a body whose %s names someone else is refused 403 not-the-principal, and nothing is written', async (field, actor, needs, step, body) => {
      const { path } = await target(needs, step);
      const before = await headPosition(t.store);
      const response = await post(path, actor, { ...body, [field]: 'ceo-someone-else' });
      expect({ status: response.status, type: response.type, code: response.body.code, errors: response.body.errors }).toEqual({
        status: 403,
        type: 'application/problem+json',
        code: 'not-the-principal',
        errors: [{ field, code: 'not-the-principal', reason: expect.stringContaining('ceo-someone-else') }],
      });
      expect(await headPosition(t.store)).toBe(before);
    });

    it.each(commands)('without %s, the principal is recorded; naming oneself is accepted', async (field, actor, needs, step, body) => {
      const omitted = await target(needs, step);
      const first = await post(omitted.path, actor, body);
      expect(first.status).toBeLessThan(300);
      expect(await lastEventData(first.body.complaintId)).toMatchObject({ [field]: actor['X-Actor-Id'] });
      const named = await target(needs, step);
      const second = await post(named.path, actor, { ...body, [field]: actor['X-Actor-Id'] });
      expect(second.status).toBeLessThan(300);
      expect(await lastEventData(second.body.complaintId)).toMatchObject({ [field]: actor['X-Actor-Id'] });
    });

    it('an officer cannot name a manager as the approver of a compensation above the threshold', async () => {
      const id = await aCase('answered');
      const response = await post(`/complaints/${id}/compensations`, officer, aCompensationBody({ amount: { amountMinor: 90_000, currency: 'EUR' }, approvedBy: 'manager-georgieva' }));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('not-the-principal');
    });

    it('the journal and its export show the principal who signed and approved', async () => {
      const id = await aCase('answered');
      const granted = await post(`/complaints/${id}/compensations`, officer, aCompensationBody()).expect(200);
      const page = await t.http.get('/complaints').query({ minPosition: granted.body.position, pageSize: 200 }).expect(200);
      const row = page.body.items.find((item: { complaintId: string }) => item.complaintId === id);
      expect(row).toMatchObject({ takenBy: 'clerk-anna', investigatedBy: 'officer-petrov', answerSignedBy: 'manager-georgieva', compensations: [{ approvedBy: 'officer-petrov' }] });
      const exported = (await t.http.get('/reports/journal').query({ format: 'json' }).expect(200)).body;
      const rows: Array<{ complaintId: string }> = Object.values(exported).find(Array.isArray) as Array<{ complaintId: string }>;
      expect(rows.find((entry) => entry.complaintId === id)).toMatchObject({ takenBy: 'clerk-anna', answerSignedBy: 'manager-georgieva' });
    });
  });

  describe('compensation above the manager threshold (EUR 50000, BGN 100000)', () => {
    const grant = (id: string, actor: Record<string, string>, amountMinor: number, currency = 'EUR') =>
      post(`/complaints/${id}/compensations`, actor, aCompensationBody({ amount: { amountMinor, currency } }));

    it('three refunds of 50000 by a quality officer: the first is granted, the split rest needs a manager', async () => {
      const id = await aCase('answered');
      await grant(id, officer, 50_000).expect(200);
      for (const attempt of [1, 2]) {
        const before = await headPosition(t.store);
        const refused = await grant(id, officer, 50_000);
        expect({ attempt, status: refused.status, code: refused.body.code, type: refused.type }).toEqual({
          attempt,
          status: 403,
          code: 'manager-approval-required',
          type: 'application/problem+json',
        });
        expect(await headPosition(t.store)).toBe(before);
      }
    });

    it("the manager's path: a manager grants what the officer may not, and the case keeps the total", async () => {
      const id = await aCase('answered');
      await grant(id, officer, 30_000).expect(200);
      await grant(id, officer, 30_000).expect(403);
      await grant(id, manager, 30_000).expect(200);
      await grant(id, manager, 100_000).expect(200);
      const complaint = (await t.http.get(`/complaints/${id}`).expect(200)).body.complaint;
      expect(complaint.compensations.map((c: { amount: { amountMinor: number }; approvedBy: string }) => [c.amount.amountMinor, c.approvedBy])).toEqual([
        [30_000, 'officer-petrov'],
        [30_000, 'manager-georgieva'],
        [100_000, 'manager-georgieva'],
      ]);
    });

    it('counts each currency apart; a currency without a threshold needs a manager for any amount', async () => {
      const id = await aCase('answered');
      await grant(id, officer, 50_000, 'EUR').expect(200);
      await grant(id, officer, 100_000, 'BGN').expect(200);
      expect((await grant(id, officer, 1, 'BGN')).body.code).toBe('manager-approval-required');
      expect((await grant(id, officer, 1, 'USD')).body.code).toBe('manager-approval-required');
      await grant(id, manager, 1, 'USD').expect(200);
    });
  });
});
