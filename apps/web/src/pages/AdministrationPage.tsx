import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, ProjectionStatus, request } from '../api';
import { useFormat } from '../format';
import { ErrorBanner, Loading, Table } from '../ui';

/** Read models: state, position, lag, a stopped event; rebuild (with its progress) and restart. */
const AdministrationPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const stateName = (state: string) => (i18n.exists(`admin.states.${state}`) ? t(`admin.states.${state}` as 'admin.none') : state);
  const status = useQuery({
    queryKey: ['projections'],
    queryFn: () => get<{ projections: ProjectionStatus[] }>('/projections'),
    // Follows a rebuild while one runs.
    refetchInterval: (query) => (query.state.data?.projections.some((p) => p.rebuild && !['done', 'failed'].includes(p.rebuild.state)) ? 1000 : false),
  });
  const act = useMutation({
    mutationFn: ({ name, action }: { name: string; action: 'rebuild' | 'restart' }) => request('POST', `/projections/${name}/${action}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projections'] }),
  });

  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorBanner error={status.error} />;
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <div className="toolbar">
        <button type="button" onClick={() => act.mutate({ name: 'all', action: 'rebuild' })} disabled={act.isPending}>
          {t('admin.rebuildAll')}
        </button>
      </div>
      <ErrorBanner error={act.error} />
      <h2>{t('admin.readModels')}</h2>
      <Table columns={[t('admin.name'), t('admin.state'), t('admin.position'), t('admin.lag'), t('admin.failure'), t('case.actions')]}>
        {status.data.projections.map((projection) => (
          <tr key={projection.name}>
            <th scope="row">{projection.name}</th>
            <td>
              {stateName(projection.state)}
              {projection.needsRebuild && <span className="overdue">{t('admin.needsRebuild')}</span>}
              {projection.rebuild && (
                <div role="status">
                  {t('admin.progress', { name: projection.name, state: stateName(projection.rebuild.state), percent: format.percent(projection.rebuild.fraction ?? 0) })}
                  <progress max={1} value={projection.rebuild.fraction ?? 0} aria-label={projection.name} />
                </div>
              )}
            </td>
            <td>{projection.position ?? t('admin.none')}</td>
            <td>{projection.lag ? t('admin.lagValue', { events: format.number(projection.lag.events), seconds: format.number(Math.round(projection.lag.seconds)) }) : t('admin.none')}</td>
            <td>{projection.failure ? `${projection.failure.eventType ?? ''} @${projection.failure.position ?? ''}: ${projection.failure.message ?? ''}` : t('admin.none')}</td>
            <td>
              <div className="row-actions">
                <button type="button" className="secondary" onClick={() => act.mutate({ name: projection.name, action: 'rebuild' })} disabled={act.isPending} aria-label={`${t('admin.rebuild')} ${projection.name}`}>
                  {t('admin.rebuild')}
                </button>
                {projection.failure && (
                  <button type="button" className="secondary" onClick={() => act.mutate({ name: projection.name, action: 'restart' })} disabled={act.isPending} aria-label={`${t('admin.restart')} ${projection.name}`}>
                    {t('admin.restart')}
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
};

export default AdministrationPage;
