import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChangeEvent, FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Complaint, download, Evidence, get, History, HistoryEvent, newIdempotencyKey, request, Role, upload, Verification, writtenAt } from '../api';
import { useFormat } from '../format';
import { ErrorBanner, Loaded, Loading, Table } from '../ui';
import { CommandForm } from './CommandForm';
import { commandsFor } from './commands';
import { useCategoryName } from './JournalPage';

interface ComplaintView {
  revision: string;
  complaint: Complaint;
}

/** The case as it stands (or stood on a date), its story, its chain check, and the actions of the user's role. */
export const CasePage = ({ role }: { role: Role | undefined }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const [recorded, setRecorded] = useState(false);

  const current = useQuery({
    queryKey: ['case', id],
    queryFn: () => request<ComplaintView>('GET', `/complaints/${id}`),
  });
  const history = useQuery({ queryKey: ['history', id, asOf ?? null], queryFn: () => get<History>(`/complaints/${id}/history`, { asOf }) });
  const verification = useQuery({ queryKey: ['verification', id], queryFn: () => get<Verification>(`/complaints/${id}/verification`) });

  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorBanner error={current.error} />;

  const complaint = asOf && history.data ? history.data.complaint : current.data.body.complaint;
  const number = complaint.registration?.registerNumber;
  const commands = asOf ? [] : commandsFor(role, complaint);

  const showAsOf = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('asOf') ?? '');
    const next = new URLSearchParams(params);
    if (value) next.set('asOf', new Date(value).toISOString());
    else next.delete('asOf');
    setParams(next);
  };

  return (
    <article className="case">
      <header className="case-head">
        <h1>{number ? t('case.title', { number: isolate(number) }) : t('case.unregistered', { date: format.dateTime(complaint.receivedAt) })}</h1>
        <span className={`status status-${complaint.status}`} data-testid="case-status">
          {t(`vocab.status.${complaint.status}` as 'vocab.yes')}
        </span>
        <ChainBadge verification={verification.data} />
      </header>

      <form className="as-of" onSubmit={showAsOf}>
        <label>
          {t('case.asOf')}
          <input type="datetime-local" name="asOf" defaultValue={asOf ? toLocalInput(asOf) : ''} />
        </label>
        <button type="submit">{t('case.show')}</button>
        {asOf && (
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
            {t('case.current')}
          </button>
        )}
      </form>
      {asOf && <p className="notice">{t('case.showingAsOf', { date: format.dateTime(asOf) })}</p>}

      <div className="case-grid">
        <section aria-labelledby="state-heading">
          <h2 id="state-heading">{t('case.state')}</h2>
          <CaseFacts complaint={complaint} />
        </section>

        <section aria-labelledby="actions-heading" className="actions">
          <h2 id="actions-heading">{t('case.actions')}</h2>
          {recorded && (
            <p role="status" className="success">
              {t('case.recorded')}
            </p>
          )}
          {commands.length === 0 && <p className="muted">{t('case.noActions')}</p>}
          {commands.map((command) => (
            <details key={`${command.key}-${current.data.etag}`} className="command-box">
              <summary>{t(`commands.${command.key}` as 'commands.submit')}</summary>
              <CommandForm
                complaintId={id}
                command={command}
                etag={current.data.etag}
                onDone={() => setRecorded(true)}
                onReload={() => void current.refetch()}
              />
            </details>
          ))}
        </section>
      </div>

      {role && EVIDENCE_READERS.includes(role) && <EvidenceSection complaintId={id} role={role} />}

      <section aria-labelledby="story-heading">
        <h2 id="story-heading">{t('case.story')}</h2>
        <Loaded query={history}>{({ events }) => <Timeline events={events} />}</Loaded>
      </section>
    </article>
  );
};

// Who may attach files (the API decides: libs/platform/src/auth/permissions.ts).
const ATTACHERS: readonly Role[] = ['intake-clerk', 'quality-officer', 'manager'];
const EVIDENCE_READERS: readonly Role[] = [...ATTACHERS, 'auditor'];
const EVIDENCE_COLUMNS = ['case.evidence.name', 'case.evidence.type', 'case.evidence.size', 'case.evidence.sha', 'case.evidence.by', 'case.evidence.at', 'case.actions'] as const;

/** The case's evidence files: the list with downloads (fetched with the token, as a link could not carry it), and an upload. */
const EvidenceSection = ({ complaintId, role }: { complaintId: string; role: Role | undefined }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [attached, setAttached] = useState(false);
  const list = useQuery({
    queryKey: ['evidence', complaintId],
    queryFn: () => get<{ complaintId: string; evidence: Evidence[] }>(`/complaints/${complaintId}/evidence`),
  });

  const attach = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setAttached(false);
    try {
      const result = await upload<{ position: string }>(`/complaints/${complaintId}/evidence`, { filename: file.name }, file, { 'Idempotency-Key': newIdempotencyKey() });
      writtenAt(result.position);
      setAttached(true);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'policies' });
    } catch (problem) {
      setError(problem);
    } finally {
      input.value = '';
      setBusy(false);
    }
  };

  const fetchFile = async (item: Evidence) => {
    setError(null);
    try {
      await download(`/complaints/${complaintId}/evidence/${item.sha256}`, {}, item.fileName);
    } catch (problem) {
      setError(problem);
    }
  };

  return (
    <section aria-labelledby="evidence-heading" className="evidence">
      <h2 id="evidence-heading">{t('case.evidence.heading')}</h2>
      <Loaded query={list}>
        {({ evidence }) =>
          evidence.length === 0 ? (
            <p className="muted">{t('case.evidence.empty')}</p>
          ) : (
            <Table columns={EVIDENCE_COLUMNS.map((column) => t(column))} testId="evidence-list">
              {evidence.map((item) => (
                <tr key={item.sha256}>
                  <td>
                    <bdi dir="auto">{item.fileName}</bdi>
                  </td>
                  <td>{item.mediaType}</td>
                  <td>{format.number(item.sizeBytes)}</td>
                  <td>
                    <code title={item.sha256}>{item.sha256.slice(0, 12)}…</code>
                  </td>
                  <td>{item.attachedBy}</td>
                  <td>{format.dateTime(item.attachedAt)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => void fetchFile(item)}>
                      {t('case.evidence.download')}
                    </button>
                  </td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
      {role && ATTACHERS.includes(role) && (
        <label className="upload">
          {t('case.evidence.upload')} <input type="file" name="evidence" disabled={busy} onChange={(event) => void attach(event)} />
        </label>
      )}
      {attached && (
        <p role="status" className="success">
          {t('case.evidence.attached')}
        </p>
      )}
      <ErrorBanner error={error} />
    </section>
  );
};

/** First-strong isolation: a register number or a name keeps its own direction inside Arabic text. */
const isolate = (text: string) => `\u2068${text}\u2069`;

const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const ChainBadge = ({ verification }: { verification: Verification | undefined }) => {
  const { t } = useTranslation();
  if (!verification) return null;
  return verification.valid ? (
    <span className="badge valid" data-testid="chain-badge">
      ✓ {t('case.chainValid', { n: verification.eventsChecked })}
    </span>
  ) : (
    <span className="badge broken" data-testid="chain-badge">
      ✗ {t('case.chainBroken', { revision: verification.revision, reason: verification.reason })}
    </span>
  );
};

const CaseFacts = ({ complaint }: { complaint: Complaint }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName();
  const contact = [complaint.complainant.email, complaint.complainant.phone, complaint.complainant.postalAddress].filter(Boolean).join(' · ');
  const rows: Array<[string, string | undefined]> = [
    [t('case.fields.channel'), t(`vocab.channel.${complaint.channel}` as 'vocab.yes')],
    [t('case.fields.receivedAt'), format.dateTime(complaint.receivedAt)],
    [t('case.fields.takenBy'), complaint.takenBy],
    [t('case.fields.complainant'), complaint.complainant.name],
    [t('case.fields.contact'), contact],
    [t('case.fields.subject'), [complaint.subject.productOrService, complaint.subject.serialNumber].filter(Boolean).join(' · ')],
    [t('case.fields.description'), complaint.description],
    [t('case.fields.desiredRemedy'), complaint.desiredRemedy],
    [t('case.fields.primaryResponse'), complaint.primaryResponse],
    [t('case.fields.category'), complaint.registration ? categoryName(complaint.registration.category) : undefined],
    [t('case.fields.severity'), complaint.registration ? t(`vocab.severity.${complaint.registration.severity}` as 'vocab.yes') : undefined],
    [t('case.fields.officer'), complaint.responsibleOfficer],
    [t('case.fields.registrationDue'), complaint.registration ? undefined : format.dateTime(complaint.registrationDueAt)],
    [t('case.fields.answerDue'), complaint.answer ? undefined : complaint.answerDueAt && format.dateTime(complaint.answerDueAt)],
    [t('case.fields.awaitingComplainant'), complaint.awaitingComplainant && `${format.dateTime(complaint.awaitingComplainant.since)} (${complaint.awaitingComplainant.requestedBy})`],
    [t('case.fields.followUpDue'), complaint.followUpDueAt && format.dateTime(complaint.followUpDueAt)],
    [t('case.fields.acknowledgementDue'), complaint.acknowledgedAt ? undefined : complaint.acknowledgementDueAt && format.dateTime(complaint.acknowledgementDueAt)],
    [t('case.fields.acknowledged'), complaint.acknowledgedAt && format.dateTime(complaint.acknowledgedAt)],
    [
      t('case.fields.contacts'),
      complaint.contacts?.length
        ? complaint.contacts
            .map((c) => `${format.date(c.contactedAt)}: ${t(`vocab.contact.${c.kind}` as 'vocab.yes')}, ${t(`vocab.channel.${c.channel}` as 'vocab.yes')} (${c.contactedBy})`)
            .join('; ')
        : undefined,
    ],
    [
      t('case.fields.verdict'),
      complaint.investigation?.verdict
        ? t(`vocab.verdict.${complaint.investigation.verdict}` as 'vocab.yes')
        : complaint.investigation?.outcome === 'waived'
          ? t('vocab.event.InvestigationWaived')
          : undefined,
    ],
    [t('case.fields.findings'), complaint.investigation?.findings ?? complaint.investigation?.reason],
    [
      t('case.fields.answer'),
      complaint.answer &&
        `${complaint.answer.summary} — ${complaint.answer.signedBy}${
          complaint.answer.signature ? ` (${t(`vocab.signatureMeaning.${complaint.answer.signature.meaning}` as 'vocab.yes')})` : ''
        }, ${format.dateTime(complaint.answer.answeredAt)}`,
    ],
    [
      t('case.fields.compensations'),
      complaint.compensations?.length
        ? complaint.compensations
            .map((c) => `${t(`vocab.compensation.${c.kind}` as 'vocab.yes')}${c.amount ? ` ${format.money(c.amount.amountMinor, c.amount.currency)}` : ''} (${c.approvedBy})`)
            .join('; ')
        : undefined,
    ],
    [
      t('case.fields.followUps'),
      complaint.followUps?.length
        ? complaint.followUps.map((f) => `${format.date(f.contactedAt)}: ${f.problemSolved ? t('vocab.yes') : t('vocab.no')}, ${f.satisfaction}/5`).join('; ')
        : undefined,
    ],
    [t('case.fields.resolvedAtFirstContact'), complaint.firstContactResolution && `${complaint.firstContactResolution.resolvedBy}, ${format.dateTime(complaint.firstContactResolution.resolvedAt)}`],
    [t('case.fields.closingSummary'), complaint.closing?.summary],
    [
      t('case.fields.outcomeAccepted'),
      complaint.closing?.complainantAcceptedOutcome === undefined ? undefined : t(complaint.closing.complainantAcceptedOutcome ? 'vocab.yes' : 'vocab.no'),
    ],
    [
      t('case.fields.referral'),
      complaint.closing?.referral &&
        `${t(`vocab.externalBody.${complaint.closing.referral.body}` as 'vocab.yes')}: ${complaint.closing.referral.name}, ${complaint.closing.referral.reference}`,
    ],
  ];
  return (
    <dl className="facts">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <bdi dir="auto">{value}</bdi>
            </dd>
          </div>
        ))}
    </dl>
  );
};

/** Flattens an event's data into "field: value" lines (nested objects by dotted path); the text is shown as text. */
const describe = (data: Record<string, unknown>, prefix = ''): Array<[string, string]> =>
  Object.entries(data).flatMap(([key, value]): Array<[string, string]> => {
    if (key === 'complaintId' || value === null || value === undefined) return [];
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) return value.length ? [[path, value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')]] : [];
    if (typeof value === 'object') return describe(value as Record<string, unknown>, path);
    return [[path, String(value)]];
  });

/** Which vocabularies a field's values come from, by the field's last name (the first that knows the value). */
const VOCABULARY_OF: Record<string, string[]> = {
  channel: ['vocab.channel'],
  customerInformedVia: ['vocab.channel'],
  verdict: ['vocab.verdict'],
  severity: ['vocab.severity'],
  category: ['vocab.category'],
  responsibleParty: ['vocab.party'],
  kind: ['vocab.compensation', 'vocab.contact', 'vocab.complainantKind'],
  meaning: ['vocab.signatureMeaning'],
  body: ['vocab.externalBody'],
  rule: ['vocab.rule'],
};
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const Timeline = ({ events }: { events: HistoryEvent[] }) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // Values in the reader's language where the workspace knows them; everything else exactly as recorded.
  const readable = (field: string, value: string): string => {
    const vocabulary = VOCABULARY_OF[field.split('.').pop() as string]?.find((prefix) => i18n.exists(`${prefix}.${value}`));
    if (vocabulary) return t(`${vocabulary}.${value}` as 'vocab.yes');
    if (value === 'true' || value === 'false') return t(value === 'true' ? 'vocab.yes' : 'vocab.no');
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return format.dateTime(value);
    return value;
  };
  // A field's name in the reader's language, part by part ("complainant.name" → Complainant › Name); a part the
  // workspace does not know yet stays as recorded.
  const label = (field: string): string =>
    field
      .split('.')
      .map((part) => (i18n.exists(`field.${part}`) ? t(`field.${part}` as 'vocab.yes') : part))
      .join(' › ');
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.revision}>
          <div className="when-who">
            <strong>{i18n.exists(`vocab.event.${event.type}`) ? t(`vocab.event.${event.type}` as 'vocab.yes') : event.type}</strong>
            <time dateTime={event.recordedAt}>{format.dateTime(event.recordedAt)}</time>
            {event.actor && <span>{t('case.by', { actor: `${event.actor.id} (${t(`vocab.role.${event.actor.role}` as 'vocab.yes')})` })}</span>}
          </div>
          <dl className="changes">
            {describe(event.data).map(([field, value]) => (
              <div key={field}>
                {/* The recorded key stays at hand for auditors, as the tooltip. */}
                <dt title={field}>
                  {label(field)}
                </dt>
                <dd>
                  <bdi dir="auto">{readable(field, value)}</bdi>
                </dd>
              </div>
            ))}
          </dl>
          {event.hash && (
            <small className="hash">
              <span title={event.hash}>
                #{event.revision} · {event.hash.slice(0, 12)}…
              </span>{' '}
              {t('case.sealed')}
            </small>
          )}
        </li>
      ))}
    </ol>
  );
};
