import { useQueryClient } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandResult, Problem } from '../api';
import { Field, Options, Submit } from '../ui';
import { useCommand } from '../useCommand';
import { CommandSpec, FieldSpec } from './commands';
import { categoryKeys, usePolicies, useCategoryName } from './JournalPage';

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
  const { send, error, busy, clearError } = useCommand();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string | boolean> = {};
    for (const field of command.fields) values[field.name] = field.kind === 'checkbox' ? form.get(field.name) === 'on' : String(form.get(field.name) ?? '');
    void send(`/complaints/${complaintId}/${command.path}`, command.body(values), etag ? { 'If-Match': etag } : {}, async (result) => {
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'policies' });
      onDone(result);
    });
  };

  return (
    <form className="command" onSubmit={submit} noValidate data-command={command.key}>
      {command.fields.map((field) => (
        <CommandField key={field.name} field={field} error={error} />
      ))}
      {isStale(error) && (
        <p role="alert" className="error stale">
          {t('case.stale')}{' '}
          <button type="button" onClick={() => { clearError(); onReload(); }}>
            {t('case.reload')}
          </button>
        </p>
      )}
      <Submit error={isStale(error) ? null : error} busy={busy} label={t(`commands.${command.key}` as 'commands.submit')} />
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
                <Options values={categoryKeys(policies.data)} label={categoryName} none={t('form.choose')} />
              </select>
            );
          case 'select':
            return (
              <select defaultValue={field.initial ?? ''} {...common}>
                <Options values={field.options ?? []} label={(option) => (field.vocabulary ? t(`${field.vocabulary}.${option}` as 'vocab.yes') : option)} none={t('form.choose')} />
              </select>
            );
          default:
            return <input type="text" {...common} />;
        }
      }}
    </Field>
  );
};
