import type { UseQueryResult } from '@tanstack/react-query';
import { ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldProblem, Problem } from './api';

/** A problem's title in the user's language when the code is known, else by its status, else the server's own title. */
export const useProblemText = () => {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof Problem)) return t('errors.generic');
    if (i18n.exists(`errors.${error.code}`)) return t(`errors.${error.code}` as 'errors.generic');
    if (error.status === 409) return t('errors.state') + (error.detail ? `: ${error.detail}` : '');
    // A domain rule's own code (no-way-to-reply, not-the-principal): its fields say what; the title says what kind.
    if (error.status === 400 && error.errors.length) return t('errors.invalid-request');
    if (error.status === 403) return t('errors.forbidden');
    return error.title || t('errors.generic');
  };
};

export const ErrorBanner = ({ error }: { error: unknown }) => {
  const text = useProblemText();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {text(error)}
    </p>
  );
};

/** The translation key of a field problem: its code, a length rule split by the bound it names. */
const fieldProblemKey = ({ code, reason }: FieldProblem): string | undefined => {
  if (code === 'minLength') return 'tooShort';
  if (code === 'maxLength') return 'tooLong';
  if (code !== 'isLength') return code;
  const short = reason.includes('longer than');
  const long = reason.includes('shorter than');
  return short && long ? 'length' : short ? 'tooShort' : 'tooLong';
};

/**
 * A field problem in the user's language, by its code (isLength, isIn, no-way-to-reply…); the API's English reason when
 * the code is unknown here. class-validator names a rule's bounds only in its sentence, so the numbers come from there.
 */
export const useFieldProblemText = () => {
  const { t, i18n } = useTranslation();
  return (problem: FieldProblem): string => {
    const key = `fieldErrors.${fieldProblemKey(problem)}`;
    if (!problem.code || !i18n.exists(key)) return problem.reason;
    const numbers = problem.reason.match(/\d+/g) ?? [];
    return t(key as 'fieldErrors.isIn', { limit: numbers.at(-1), min: numbers.at(-2), max: numbers.at(-1) });
  };
};

/** The errors the API gave for one field (problem+json `errors[]`), matched by its dotted path (or exactly). */
export const fieldErrors = (error: unknown, field: string, exact = false): FieldProblem[] =>
  error instanceof Problem ? error.errors.filter((problem) => problem.field === field || (!exact && problem.field.startsWith(`${field}.`))) : [];

/** Constraints that say a value is missing altogether: said first, before what its text would need. */
const MISSING = ['isDefined', 'isNotEmpty', 'isString'];
const missingFirst = (a: FieldProblem, b: FieldProblem) => Number(!MISSING.includes(a.code ?? '')) - Number(!MISSING.includes(b.code ?? ''));

/** The API's errors for one field in the user's language, each said once. */
const FieldProblems = ({ id, name, problems }: { id?: string; name: string; problems: FieldProblem[] }) => {
  const text = useFieldProblemText();
  if (problems.length === 0) return null;
  return (
    <small id={id} className="field-error" data-field={name}>
      {[...new Set([...problems].sort(missingFirst).map(text))].join('; ')}
    </small>
  );
};

/** The errors the API gave for a group of fields as a whole (e.g. `complainant`: no way to reply), where the group is shown. */
export const GroupProblems = ({ name, error }: { name: string; error: unknown }) => (
  <FieldProblems name={name} problems={fieldErrors(error, name, true)} />
);

interface FieldProps {
  label: string;
  name: string;
  error?: unknown;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled control with the API's errors for it shown beside it and announced with it. */
export const Field = ({ label, name, error, hint, children }: FieldProps) => {
  const id = useId();
  const problems = fieldErrors(error, name);
  const describedBy = [hint ? `${id}-hint` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, ...(problems.length ? { 'aria-invalid': true as const } : {}), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      <FieldProblems id={`${id}-error`} name={name} problems={problems} />
    </div>
  );
};

/** A form's end: what went wrong with the last submission, and the button that submits (held while one is under way). */
export const Submit = ({ error, busy, label }: { error: unknown; busy: boolean; label: string }) => (
  <>
    <ErrorBanner error={error} />
    <button type="submit" disabled={busy}>
      {label}
    </button>
  </>
);

/** The options of a select, each value named by `label`; with `none`, a first empty choice so named. */
export const Options = ({ values, label, none }: { values: readonly string[]; label: (value: string) => string; none?: string }) => (
  <>
    {none !== undefined && <option value="">{none}</option>}
    {values.map((value) => (
      <option key={value} value={value}>
        {label(value)}
      </option>
    ))}
  </>
);

/** A table with a header row of column names; the rows are the children. Wide tables scroll inside their wrapper. */
export const Table = ({ columns, className, testId, children }: { columns: string[]; className?: string; testId?: string; children: ReactNode }) => (
  <div className="table-wrap">
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);

export const Loading = () => {
  const { t } = useTranslation();
  return <p aria-busy="true">{t('app.loading')}</p>;
};

/** A query's answer once it is there; until then the loading mark, or its error. */
export const Loaded = <T,>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) =>
  query.isPending ? <Loading /> : query.isError ? <ErrorBanner error={query.error} /> : <>{children(query.data)}</>;
