import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineEntry, DeadlineList, get, minPosition } from '../api';
import { useFormat } from '../format';
import { Loaded } from '../ui';

const KINDS = ['registration', 'answer', 'follow-up'] as const;

/** Overdue and due-soon cases, grouped by the kind of deadline, each with the policy's reason for its date. */
export const DeadlinesPage = () => {
  const { t } = useTranslation();
  const [hours, setHours] = useState(48);
  const list = useQuery({
    queryKey: ['deadlines', hours],
    queryFn: () => get<DeadlineList>('/complaints/overdue', { horizonHours: hours, minPosition: minPosition() }),
  });
  return (
    <section>
      <h1>{t('deadlines.title')}</h1>
      <label className="inline">
        {t('deadlines.horizon')}
        <input type="number" min={1} max={2160} value={hours} onChange={(event) => setHours(Math.min(2160, Math.max(1, Number(event.target.value) || 1)))} />
      </label>
      <Loaded query={list}>
        {(data) => (
          <div className="board">
            <Group title={t('deadlines.overdue', { n: data.overdueTotal })} entries={data.overdue} overdue />
            <Group title={t('deadlines.dueSoon', { hours: data.horizonHours, n: data.dueSoonTotal })} entries={data.dueSoon} />
          </div>
        )}
      </Loaded>
    </section>
  );
};

const Group = ({ title, entries, overdue = false }: { title: string; entries: DeadlineEntry[]; overdue?: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className={overdue ? 'group overdue-group' : 'group'}>
      <h2>{title}</h2>
      {entries.length === 0 && <p className="muted">{t('deadlines.none')}</p>}
      {KINDS.map((kind) => {
        const ofKind = entries.filter((entry) => entry.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <div key={kind}>
            <h3>{t(`vocab.deadline.${kind}`)}</h3>
            <ul className="deadlines">
              {ofKind.map((entry) => (
                <li key={entry.complaintId}>
                  <Link to={`/case/${entry.complaintId}`}>{entry.registerNumber ? <bdi>{entry.registerNumber}</bdi> : t('journal.notRegistered')}</Link>{' '}
                  <span>
                    {t('deadlines.dueAt')}: {format.dateTime(entry.dueAt)}
                  </span>{' '}
                  {entry.responsibleOfficer && <span className="muted">· {entry.responsibleOfficer}</span>}
                  {entry.explanation && (
                    <p className="explanation">
                      {t('deadlines.explanation')}: {t(`deadlines.rules.${entry.explanation.rule}` as 'deadlines.none', { days: entry.explanation.days, from: format.dateTime(entry.explanation.from) })}
                      {entry.explanation.skippedDays?.length ? ` (${t('deadlines.skipped', { days: entry.explanation.skippedDays.map((day) => format.date(day)).join(', ') })})` : ''}
                      {' · '}
                      {t('deadlines.policy', { version: entry.explanation.policyVersion })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
};
