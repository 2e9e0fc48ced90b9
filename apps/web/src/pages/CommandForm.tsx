import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandResult, newIdempotencyKey, Problem, request, writtenAt } from '../api';
import { ErrorBanner, Field } from '../ui';
import { CommandSpec, FieldSpec } from './commands';
import { usePolicies, useCategoryName } from './JournalPage';

const isStale = (error: unknown) => error instanceof Problem && (error.code === 'stale-revision' || error.code === 'concurrent-change');

interface Props {
  complaintId: string;
  command: CommandSpec;
  /** The ETag of the case as this page shows it: sent as If-Match, so a stale form cannot overwrite. */
  etag: string | null;
  onDone: (result: CommandResult) => void;
  onReload: () => void;
}

/** A form for one command: Idempotency-Key per submission, If-Match with the shown revision, errors beside the fields. */
export const CommandForm = ({ complaintId, command, etag, onDone, onReload }: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // One key per submission: a retry of the same submission (after a lost answer) reuses it; the next one gets a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string | boolean> = {};
    for (const field of command.fields) values[field.name] = field.kind === 'checkbox' ? form.get(field.name) === 'on' : String(form.get(field.name) ?? '');
    setBusy(true);
    setError(null);
    try {
      const { body } = await request<CommandResult>('POST', `/complaints/${complaintId}/${command.path}`, {
        body: command.body(values),
        headers: { 'Idempotency-Key': idempotencyKey, ...(etag ? { 'If-Match': etag } : {}) },
      });
      writtenAt(body.position);
      setIdempotencyKey(newIdempotencyKey());
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'policies' });
      onDone(body);
    } catch (problem) {
      setError(problem);
      // Nothing was recorded: the next attempt is a new submission.
      if (problem instanceof Problem && problem.status !== 0) setIdempotencyKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="command" onSubmit={submit} noValidate data-command={command.key}>
      {command.fields.map((field) => (
        <CommandField key={field.name} field={field} error={error} />
      ))}
      {isStale(error) ? (
        <p role="alert" className="error stale">
          {t('case.stale')}{' '}
          <button type="button" onClick={() => { setError(null); onReload(); }}>
            {t('case.reload')}
          </button>
        </p>
      ) : (
        <ErrorBanner error={error} />
      )}
      <button type="submit" disabled={busy}>
        {t(`commands.${command.key}` as 'commands.submit')}
      </button>
    </form>
  );
};

const CommandField = ({ field, error }: { field: FieldSpec; error: unknown }) => {
  const { t } = useTranslation();
  const policies = usePolicies();
  const categoryName = useCategoryName();
  const label = t(field.label as 'form.name');
  if (field.kind === 'checkbox')
    return (
      <Field label={label} name={field.name} error={error}>
        {(props) => <input type="checkbox" defaultChecked={field.initial === 'on'} {...props} />}
      </Field>
    );
  return (
    <Field label={label} name={field.name} error={error}>
      {(props) => {
        const common = { ...props, 'aria-required': field.required || undefined };
        switch (field.kind) {
          case 'textarea':
            return <textarea rows={3} {...common} />;
          case 'number':
            return <input type="number" step="0.01" min="0" inputMode="decimal" {...common} />;
          case 'datetime':
            return <input type="datetime-local" {...common} />;
          case 'category':
            return (
              <select defaultValue="" {...common}>
                <option value="">{t('form.choose')}</option>
                {policies.data?.categories.categories.map((category) => (
                  <option key={category.key} value={category.key}>
                    {categoryName(category.key)}
                  </option>
                ))}
              </select>
            );
          case 'select':
            return (
              <select defaultValue={field.initial ?? ''} {...common}>
                <option value="">{t('form.choose')}</option>
                {field.options?.map((option) => (
                  <option key={option} value={option}>
                    {field.vocabulary ? t(`${field.vocabulary}.${option}` as 'vocab.yes') : option}
                  </option>
                ))}
              </select>
            );
          default:
            return <input type="text" {...common} />;
        }
      }}
    </Field>
  );
};
