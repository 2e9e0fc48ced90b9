import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download, get, JournalEntry, JournalPage as Page, minPosition, Policies, Problem } from '../api';
import { useFormat } from '../format';
import { ErrorBanner, Loaded, Options, Table } from '../ui';
import { JOURNAL_SORTS, STATUSES } from '../vocabulary';

const FILTERS = ['from', 'to', 'category', 'status', 'officer', 'overdue', 'q'] as const;
const PAGE_SIZE = 25;
const JOURNAL_COLUMNS = ['registerNumber', 'received', 'complainant', 'subject', 'category', 'status', 'officer', 'nextDeadline'] as const;

export const usePolicies = () => useQuery({ queryKey: ['policies'], queryFn: () => get<Policies>('/policies'), staleTime: Infinity });

/** The keys of the catalogue's categories (none until the policies are read). */
export const categoryKeys = (policies: Policies | undefined): string[] => policies?.categories.categories.map((category) => category.key) ?? [];

/** A category in the user's language when the workspace knows it, else the catalogue's own label. */
export const useCategoryName = () => {
  const { t, i18n } = useTranslation();
  const policies = usePolicies();
  return (key: string | null | undefined) => {
    if (!key) return '—';
    if (i18n.exists(`vocab.category.${key}`)) return t(`vocab.category.${key}` as 'vocab.yes');
    return policies.data?.categories.categories.find((category) => category.key === key)?.label ?? key;
  };
};

/** Exports the journal; `lang` and `separator` are asked for, and dropped if this API does not know them yet. */
export const exportJournal = async (format: 'csv' | 'json', language: string, period: { from?: string; to?: string }) => {
  const query = { ...period, format, lang: language, separator: format === 'csv' && language !== 'en' ? ';' : undefined };
  const name = `register-journal_${period.from ?? 'start'}_${period.to ?? 'now'}.${format}`;
  try {
    await download('/reports/journal', query, name);
  } catch (error) {
    if (!(error instanceof Problem && error.status === 400)) throw error;
    await download('/reports/journal', { ...period, format }, name);
  }
};

/** The register journal: server-side filters kept in the URL (a view can be shared), sort, paging with the total. */
export const JournalPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName();
  const policies = usePolicies();
  const [params, setParams] = useSearchParams();
  const [exportError, setExportError] = useState<unknown>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const sort = params.get('sort') ?? '-receivedAt';
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;

  const journal = useQuery({
    queryKey: ['journal', params.toString()],
    queryFn: () => get<Page>('/complaints', { ...filters, sort, page, pageSize: PAGE_SIZE, minPosition: minPosition() }),
    placeholderData: keepPreviousData,
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    if (sort !== '-receivedAt') next.set('sort', sort);
    if (params.get('lang')) next.set('lang', params.get('lang') as string);
    setParams(next);
  };

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    if (name !== 'page') next.delete('page');
    setParams(next);
  };

  const runExport = (kind: 'csv' | 'json') => {
    setExportError(null);
    exportJournal(kind, i18n.language, { from: filters.from || undefined, to: filters.to || undefined }).catch(setExportError);
  };

  // A text search counts up to a limit: beyond it the total is a lower bound, and so are the pages until a short one ends them.
  const atLeast = journal.data?.totalExact === false;
  const morePages = atLeast && journal.data?.items.length === PAGE_SIZE;
  const counted = journal.data ? Math.max(1, Math.ceil(journal.data.total / PAGE_SIZE)) : 1;
  const pages = !atLeast ? counted : morePages ? Math.max(counted, page + 1) : page;
  const pageLabel = t(morePages ? 'journal.pageOfAtLeast' : 'journal.page', { page: format.number(page), pages: format.number(pages) });
  const now = Date.now();

  return (
    <section>
      <h1>{t('journal.title')}</h1>
      <form className="filters" onSubmit={apply} key={params.toString()} aria-label={t('journal.filters')}>
        <label>
          {t('journal.from')}
          <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          {t('journal.to')}
          <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <label>
          {t('journal.category')}
          <select name="category" defaultValue={filters.category}>
            <Options values={categoryKeys(policies.data)} label={categoryName} none={t('journal.any')} />
          </select>
        </label>
        <label>
          {t('journal.status')}
          <select name="status" defaultValue={filters.status}>
            <Options values={STATUSES} label={(status) => t(`vocab.status.${status}` as 'vocab.yes')} none={t('journal.any')} />
          </select>
        </label>
        <label>
          {t('journal.officer')}
          <input name="officer" defaultValue={filters.officer} />
        </label>
        <label>
          {t('journal.overdue')}
          <select name="overdue" defaultValue={filters.overdue}>
            <option value="">{t('journal.any')}</option>
            <option value="true">{t('journal.overdueOnly')}</option>
            <option value="false">{t('journal.notOverdue')}</option>
          </select>
        </label>
        <label>
          {t('journal.text')}
          <input type="search" name="q" defaultValue={filters.q} />
        </label>
        <div className="buttons">
          <button type="submit">{t('journal.apply')}</button>
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
            {t('journal.reset')}
          </button>
        </div>
      </form>

      <div className="toolbar">
        <label>
          {t('journal.sort')}
          <select value={sort} onChange={(event) => setParam('sort', event.target.value)}>
            <Options values={JOURNAL_SORTS} label={(key) => t(`journal.sorts.${key}` as 'vocab.yes')} />
          </select>
        </label>
        <span className="total" role="status">
          {journal.data ? t(atLeast ? 'journal.totalAtLeast' : 'journal.total', { total: format.number(journal.data.total) }) : ''}
        </span>
        <button type="button" className="secondary" onClick={() => runExport('csv')}>
          {t('journal.exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => runExport('json')}>
          {t('journal.exportJson')}
        </button>
      </div>
      <ErrorBanner error={exportError} />

      <Loaded query={journal}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('journal.empty')}</p>
          ) : (
            <Table columns={JOURNAL_COLUMNS.map((column) => t(`journal.${column}`))} className="journal">
              {data.items.map((entry) => {
                const overdue = entry.nextDueAt !== null && Date.parse(entry.nextDueAt) < now;
                return (
                  <tr key={entry.complaintId}>
                    <td>
                      <Link to={`/case/${entry.complaintId}`}>{entry.registerNumber ? <bdi>{entry.registerNumber}</bdi> : t('journal.notRegistered')}</Link>
                    </td>
                    <td>{format.dateTime(entry.receivedAt)}</td>
                    <td>
                      <bdi>{entry.complainantName}</bdi>
                    </td>
                    <td>
                      <bdi>{entry.productOrService}</bdi>
                    </td>
                    <td>{categoryName(entry.category)}</td>
                    <td>
                      <span className={`status status-${entry.status}`}>{t(`vocab.status.${entry.status}` as 'vocab.yes')}</span>
                      <PromiseMarks entry={entry} />
                    </td>
                    <td>{entry.responsibleOfficer ?? '—'}</td>
                    <td>
                      {entry.nextDeadlineKind && <span className="muted">{t(`vocab.deadline.${entry.nextDeadlineKind}` as 'vocab.yes')}: </span>}
                      {format.dateTime(entry.nextDueAt)}
                      {overdue && <span className="overdue">{t('journal.overdueMark')}</span>}
                    </td>
                  </tr>
                );
              })}
            </Table>
          )
        }
      </Loaded>

      <nav className="pager" aria-label={pageLabel}>
        <button type="button" disabled={page <= 1} onClick={() => setParam('page', String(page - 1))}>
          {t('journal.previous')}
        </button>
        <span>{pageLabel}</span>
        <button type="button" disabled={page >= pages} onClick={() => setParam('page', String(page + 1))}>
          {t('journal.next')}
        </button>
      </nav>
    </section>
  );
};

/** What became of the first promises made to the complainant: the acknowledgement, and the answer date first promised. */
const PromiseMarks = ({ entry }: { entry: JournalEntry }) => {
  const { t } = useTranslation();
  const marks: Array<[string, string]> = [];
  if (entry.resolvedAtFirstContact) marks.push(['good', t('journal.resolvedAtFirstContact')]);
  if (entry.acknowledgementMet === false) marks.push(['bad', t('journal.acknowledgedLate')]);
  if (entry.firstPromiseKept === true) marks.push(['good', `✓ ${t('journal.promiseKept')}`]);
  if (entry.firstPromiseKept === false) marks.push(['bad', `✗ ${t('journal.promiseBroken')}`]);
  return marks.length ? (
    <span className="marks">
      {marks.map(([tone, text]) => (
        <small key={text} className={`mark ${tone}`}>
          {text}
        </small>
      ))}
    </span>
  ) : null;
};
