import { ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldProblem, Problem } from './api';

/** A problem's title in the user's language when the code is known, else the server's own title. */
export const useProblemText = () => {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof Problem)) return t('errors.generic');
    if (i18n.exists(`errors.${error.code}`)) return t(`errors.${error.code}` as 'errors.generic');
    if (error.status === 409) return t('errors.state') + (error.detail ? `: ${error.detail}` : '');
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

/** The errors the API gave for one field (problem+json `errors[]`), matched by its dotted path. */
export const fieldErrors = (error: unknown, field: string): FieldProblem[] =>
  error instanceof Problem ? error.errors.filter((problem) => problem.field === field || problem.field.startsWith(`${field}.`)) : [];

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
      {problems.length > 0 && (
        <small id={`${id}-error`} className="field-error" data-field={name}>
          {problems.map((problem) => problem.reason).join('; ')}
        </small>
      )}
    </div>
  );
};

export const Loading = () => {
  const { t } = useTranslation();
  return <p aria-busy="true">{t('app.loading')}</p>;
};
