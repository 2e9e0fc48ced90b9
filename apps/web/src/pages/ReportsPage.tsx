import { useQuery } from '@tanstack/react-query';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { get, minPosition, StatisticsRow } from '../api';
import { useFormat } from '../format';
import { ErrorBanner, Loaded, Table } from '../ui';
import { exportJournal, useCategoryName } from './JournalPage';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PERIOD_COLUMNS = [
  'reports.period',
  'journal.category',
  'reports.received',
  'reports.answered',
  'reports.onTime',
  'reports.firstPromiseKept',
  'reports.firstContactRate',
  'reports.foundedShare',
  'reports.p50',
  'reports.p90',
] as const;
const COLOURS = ['#2457a6', '#c2185b', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037'];

interface Statistics {
  rows: StatisticsRow[];
}

/** Statistics for a period and grouping, as a chart and as tables (the tables carry every number the chart shows). */
const ReportsPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName();
  const [params, setParams] = useSearchParams();
  const [exportError, setExportError] = useState<unknown>(null);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const groupBy = params.get('groupBy') ?? 'month';
  const statistics = useQuery({
    queryKey: ['statistics', from, to, groupBy],
    queryFn: () => get<Statistics>('/reports/statistics', { from, to, groupBy, minPosition: minPosition() }),
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['from', 'to', 'groupBy']) {
      const value = String(form.get(name) ?? '');
      if (value) next.set(name, value);
    }
    setParams(next);
  };

  const rows = statistics.data?.rows ?? [];
  const byCurrency = new Map<string, { count: number; amountMinor: number }>();
  for (const row of rows)
    for (const item of row.compensation) {
      const key = item.currency ?? '';
      const total = byCurrency.get(key) ?? { count: 0, amountMinor: 0 };
      byCurrency.set(key, { count: total.count + item.count, amountMinor: total.amountMinor + item.amountMinor });
    }
  const responses = rows.reduce((sum, row) => sum + row.satisfaction.responses, 0);
  const average = responses ? rows.reduce((sum, row) => sum + (row.satisfaction.average ?? 0) * row.satisfaction.responses, 0) / responses : null;
  const solved = responses ? rows.reduce((sum, row) => sum + (row.satisfaction.shareSolved ?? 0) * row.satisfaction.responses, 0) / responses : null;

  // Over the whole period: first promises kept among the answered, and the first-contact resolution rate.
  const received = rows.reduce((sum, row) => sum + row.received, 0);
  const answered = rows.reduce((sum, row) => sum + row.answered, 0);
  const promisesKept = rows.reduce((sum, row) => sum + (row.firstPromiseKept ?? 0), 0);
  const resolvedAtFirstContact = rows.reduce((sum, row) => sum + (row.resolvedAtFirstContact ?? 0), 0);

  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <form className="filters" onSubmit={apply} key={params.toString()}>
        <label>
          {t('journal.from')}
          <input type="date" name="from" defaultValue={from} />
        </label>
        <label>
          {t('journal.to')}
          <input type="date" name="to" defaultValue={to} />
        </label>
        <label>
          {t('reports.groupBy')}
          <select name="groupBy" defaultValue={groupBy}>
            <option value="day">{t('reports.day')}</option>
            <option value="month">{t('reports.month')}</option>
            <option value="year">{t('reports.year')}</option>
          </select>
        </label>
        <div className="buttons">
          <button type="submit">{t('reports.show')}</button>
          <button type="button" className="secondary" onClick={() => exportJournal('csv', i18n.language, { from: from || undefined, to: to || undefined }).catch(setExportError)}>
            {t('journal.exportCsv')}
          </button>
          <button type="button" className="secondary" onClick={() => exportJournal('json', i18n.language, { from: from || undefined, to: to || undefined }).catch(setExportError)}>
            {t('journal.exportJson')}
          </button>
        </div>
      </form>
      <ErrorBanner error={exportError} />
      <Loaded query={statistics}>
        {() =>
          rows.length === 0 ? (
            <p>{t('reports.empty')}</p>
          ) : (
            <>
              <h2>{t('reports.perPeriod')}</h2>
              <ReceivedChart rows={rows} label={t('reports.perPeriod')} categoryName={categoryName} />
              <Table columns={PERIOD_COLUMNS.map((column) => t(column))}>
                {rows.map((row) => {
                  const judged = row.verdicts.founded + row.verdicts.partlyFounded + row.verdicts.unfounded;
                  return (
                    <tr key={`${row.period}-${row.category}`}>
                      <td>{row.period}</td>
                      <td>{categoryName(row.category)}</td>
                      <td>{format.number(row.received)}</td>
                      <td>{format.number(row.answered)}</td>
                      <td>{format.number(row.answeredOnTime)}</td>
                      <td>{format.number(row.firstPromiseKept ?? null)}</td>
                      <td>{row.firstContactResolutionRate === undefined ? '—' : format.percent(row.firstContactResolutionRate)}</td>
                      <td>{judged ? format.percent(row.verdicts.founded / judged) : '—'}</td>
                      <td>{format.number(row.hoursToAnswer.median)}</td>
                      <td>{format.number(row.hoursToAnswer.p90)}</td>
                    </tr>
                  );
                })}
              </Table>
              <div className="two">
                <section>
                  <h2>{t('reports.compensation')}</h2>
                  <Table columns={[t('form.currency'), t('reports.count'), t('reports.total')]}>
                    {[...byCurrency.entries()].map(([currency, total]) => (
                      <tr key={currency}>
                        <td>{currency || '—'}</td>
                        <td>{format.number(total.count)}</td>
                        <td>{currency ? format.money(total.amountMinor, currency) : '—'}</td>
                      </tr>
                    ))}
                  </Table>
                </section>
                <section>
                  <h2>{t('reports.promises')}</h2>
                  <dl className="facts" data-testid="promises">
                    <div>
                      <dt>{t('reports.firstPromiseKept')}</dt>
                      <dd>{t('reports.ofAnswered', { count: format.number(promisesKept), total: format.number(answered), share: format.percent(answered ? promisesKept / answered : null) })}</dd>
                    </div>
                    <div>
                      <dt>{t('reports.firstContactRate')}</dt>
                      <dd>{t('reports.ofReceived', { count: format.number(resolvedAtFirstContact), total: format.number(received), share: format.percent(received ? resolvedAtFirstContact / received : null) })}</dd>
                    </div>
                  </dl>
                </section>
                <section>
                  <h2>{t('reports.satisfaction')}</h2>
                  <dl className="facts">
                    <div>
                      <dt>{t('reports.responses')}</dt>
                      <dd>{format.number(responses)}</dd>
                    </div>
                    <div>
                      <dt>{t('reports.average')}</dt>
                      <dd>{average === null ? '—' : `${format.number(Math.round(average * 10) / 10)} / 5`}</dd>
                    </div>
                    <div>
                      <dt>{t('reports.solved')}</dt>
                      <dd>{format.percent(solved)}</dd>
                    </div>
                  </dl>
                </section>
              </div>
            </>
          )
        }
      </Loaded>
    </section>
  );
};

const ReceivedChart = ({ rows, label, categoryName }: { rows: StatisticsRow[]; label: string; categoryName: (key: string) => string }) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!canvas.current) return;
    const periods = [...new Set(rows.map((row) => row.period))].sort();
    const categories = [...new Set(rows.map((row) => row.category))];
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: periods,
        datasets: categories.map((category, index) => ({
          label: categoryName(category),
          data: periods.map((period) => rows.find((row) => row.period === period && row.category === category)?.received ?? 0),
          backgroundColor: COLOURS[index % COLOURS.length],
        })),
      },
      options: {
        locale: i18n.language,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, reverse: i18n.dir() === 'rtl' },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, position: i18n.dir() === 'rtl' ? 'right' : 'left' },
        },
        plugins: { legend: { rtl: i18n.dir() === 'rtl', position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [rows, categoryName, i18n]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
};

export default ReportsPage;
