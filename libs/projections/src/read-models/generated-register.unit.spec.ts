import { foldComplaint, ReceivedComplaint } from '@app/domain';
import { seededRandom } from '@app/domain/testing';
import { RecordedEvent } from '@app/event-store';
import { Document } from '@app/read-store';
import { ProjectionDefinition } from '../projection';
import { DeadlineEntry, JournalEntry } from '../read-models';
import { deadlinesProjection } from './deadlines.projection';
import { registerJournalProjection } from './register-journal.projection';
import { generateComplaints } from './testing/generated-complaints';
import { inAllOrder, project, recorded } from './testing/recorded';

// The journal and the deadlines over a generated register of 2,000 complaints, read from `$all`:
// the journal shows each case as the domain folds it, and the deadlines are exactly the journal's pending ones.

const complaints = generateComplaints(2_000, 7);
const all = inAllOrder(complaints.map(({ events, recordedAt }) => recorded(events, { recordedAt })));
const journal = project(registerJournalProjection, all);
const deadlines = project(deadlinesProjection, all);

describe('the read models of a generated register', () => {
  it('has one journal entry per complaint, showing the case as the domain folds it', () => {
    expect(journal.size).toBe(2_000);
    for (const { complaintId, events } of complaints) {
      const folded = foldComplaint(events) as ReceivedComplaint;
      const entry = journal.get(complaintId) as JournalEntry;
      // The journal shows the follow-ups of the current round: those recorded since the latest reopening.
      const sinceReopening = events.slice(events.map((event) => event.type).lastIndexOf('ComplaintReopened') + 1);
      const roundFollowUps = sinceReopening.flatMap((event) => (event.type === 'FollowUpRecorded' ? [event.data] : []));
      const latestFollowUp = [...roundFollowUps].sort((a, b) => Date.parse(a.contactedAt) - Date.parse(b.contactedAt)).pop();
      const investigation = folded.investigation;
      expect({
        status: entry.status,
        registerNumber: entry.registerNumber,
        category: entry.category,
        responsibleOfficer: entry.responsibleOfficer,
        answerDueAt: entry.answerDueAt,
        followUpDueAt: entry.followUpDueAt,
        answeredAt: entry.answeredAt,
        investigationOutcome: entry.investigationOutcome,
        verdict: entry.verdict,
        compensations: entry.compensations.length,
        followUpContactedAt: entry.followUpContactedAt,
        closedAt: entry.closedAt,
        withdrawnAt: entry.withdrawnAt,
        reopenedCount: entry.reopenedCount,
        revision: entry.revision,
      }).toStrictEqual({
        status: folded.status,
        registerNumber: folded.registration?.registerNumber ?? null,
        category: folded.registration?.category ?? null,
        responsibleOfficer: folded.responsibleOfficer ?? null,
        answerDueAt: folded.answerDueAt ?? null,
        followUpDueAt: folded.followUpDueAt ?? null,
        answeredAt: folded.answer?.answeredAt ?? null,
        investigationOutcome: investigation?.outcome ?? null,
        verdict: investigation?.outcome === 'investigated' ? investigation.verdict : null,
        compensations: folded.compensations.length,
        followUpContactedAt: latestFollowUp?.contactedAt ?? null,
        closedAt: folded.closedAt ?? null,
        withdrawnAt: folded.withdrawal?.withdrawnAt ?? null,
        reopenedCount: folded.reopenings.length,
        revision: events.length - 1,
      });
    }
  });

  it('has a deadline entry for every complaint not withdrawn, with the pending deadline and case details of its journal row', () => {
    const pending = [...journal.values()].filter((entry) => entry.nextDueAt !== null);
    expect(pending.length).toBeGreaterThan(300);
    expect(new Set(pending.map((entry) => entry.nextDeadlineKind))).toEqual(new Set(['acknowledgement', 'registration', 'answer', 'follow-up']));
    const notWithdrawn = [...journal.values()].filter((entry) => entry.status !== 'withdrawn');
    expect([...deadlines.keys()].sort()).toStrictEqual(notWithdrawn.map((entry) => entry._id).sort());
    for (const entry of notWithdrawn) {
      const deadline = deadlines.get(entry._id) as DeadlineEntry;
      expect([deadline.kind, deadline.dueAt, deadline.status]).toStrictEqual([entry.nextDeadlineKind, entry.nextDueAt, entry.status]);
      // Kept while nothing is pending, the entry still knows the case after a reopening.
      expect([deadline.registerNumber, deadline.category, deadline.receivedAt, deadline.responsibleOfficer]).toStrictEqual([
        entry.registerNumber,
        entry.category,
        entry.receivedAt,
        entry.responsibleOfficer,
      ]);
    }
  });

  it('has no deadline for a followed-up or closed case, and explains every deadline by the rule of the event that set it', () => {
    const rules = new Set([...deadlines.values()].filter((d) => d.explanation).map((d) => `${d.kind} ${d.explanation?.rule}`));
    expect(rules).toEqual(
      new Set(['acknowledgement working-days', 'registration next-working-day', 'answer calendar-days', 'answer promised-by-officer', 'answer extended', 'follow-up calendar-days']),
    );
    for (const deadline of deadlines.values())
      if (['followed-up', 'closed'].includes(deadline.status)) expect([deadline.kind, deadline.dueAt, deadline.explanation]).toEqual([null, null, null]);
  });

  describe.each<[string, ProjectionDefinition<Document>, Map<string, Document>]>([
    ['register journal', registerJournalProjection as unknown as ProjectionDefinition<Document>, journal],
    ['deadlines', deadlinesProjection as unknown as ProjectionDefinition<Document>, deadlines],
  ])('the %s', (_name, projection, expected) => {
    it('ends the same when any tail of $all is delivered again', () => {
      const random = seededRandom(11);
      for (let n = 0; n < 5; n++) {
        const documents = structuredClone(expected);
        project(projection, all.slice(random.integer(0, all.length - 1)), documents);
        expect(documents).toStrictEqual(expected);
      }
    });

    it('ends the same when every event is delivered twice', () => {
      expect(project(projection, all.flatMap((event) => [event, event]))).toStrictEqual(expected);
    });
  });

  it('is the same read stream by stream as read from $all', () => {
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    const perStream = new Map<string, JournalEntry>();
    for (const stream of streams.values()) project(registerJournalProjection, stream, perStream);
    expect(perStream).toStrictEqual(journal);
  });
});
