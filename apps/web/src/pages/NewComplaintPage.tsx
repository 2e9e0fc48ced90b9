import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CommandResult, newIdempotencyKey, request, writtenAt } from '../api';
import { ErrorBanner, Field } from '../ui';
import { CHANNELS } from '../vocabulary';

const optional = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
};

/** Intake: the channel, the complainant with a way to reply, the subject, the description, the primary response. */
export const NewComplaintPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      channel: optional(form, 'channel'),
      complainant: {
        name: optional(form, 'complainant.name'),
        kind: optional(form, 'complainant.kind'),
        email: optional(form, 'complainant.email'),
        phone: optional(form, 'complainant.phone'),
        postalAddress: optional(form, 'complainant.postalAddress'),
      },
      subject: {
        productOrService: optional(form, 'subject.productOrService'),
        serialNumber: optional(form, 'subject.serialNumber'),
        orderReference: optional(form, 'subject.orderReference'),
      },
      description: optional(form, 'description'),
      desiredRemedy: optional(form, 'desiredRemedy'),
      primaryResponse: optional(form, 'primaryResponse'),
      // Fixed on the spot: the registration then closes the case (first-contact resolution).
      resolvedOnTheSpot: form.get('resolvedOnTheSpot') === 'on',
    };
    setBusy(true);
    setError(null);
    try {
      const { body: result } = await request<CommandResult>('POST', '/complaints', { body, headers: { 'Idempotency-Key': idempotencyKey } });
      writtenAt(result.position);
      await queryClient.invalidateQueries({ queryKey: ['journal'] });
      navigate(`/case/${result.complaintId}`);
    } catch (problem) {
      setError(problem);
      setIdempotencyKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: string, multiline = false, hint?: string) => (
    <Field label={label} name={name} error={error} hint={hint}>
      {(props) => (multiline ? <textarea rows={3} {...props} /> : <input type={name.endsWith('email') ? 'email' : 'text'} {...props} />)}
    </Field>
  );

  return (
    <section>
      <h1>{t('app.newComplaint')}</h1>
      <form className="intake" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('form.complaint')}</legend>
          <Field label={t('form.channel')} name="channel" error={error}>
            {(props) => (
              <select defaultValue="in-person" {...props}>
                {CHANNELS.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`vocab.channel.${channel}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('form.complainant')}</legend>
          {text('complainant.name', t('form.name'))}
          <Field label={t('form.kind')} name="complainant.kind" error={error}>
            {(props) => (
              <select defaultValue="person" {...props}>
                <option value="person">{t('form.person')}</option>
                <option value="organisation">{t('form.organisation')}</option>
              </select>
            )}
          </Field>
          <p className="hint">{t('form.contactHint')}</p>
          {text('complainant.email', t('form.email'))}
          {text('complainant.phone', t('form.phone'))}
          {text('complainant.postalAddress', t('form.postalAddress'))}
        </fieldset>
        <fieldset>
          <legend>{t('form.subject')}</legend>
          {text('subject.productOrService', t('form.productOrService'))}
          {text('subject.serialNumber', t('form.serialNumber'))}
          {text('subject.orderReference', t('form.orderReference'))}
        </fieldset>
        <fieldset>
          <legend>{t('form.description')}</legend>
          {text('description', t('form.description'), true)}
          {text('desiredRemedy', t('form.desiredRemedy'), true)}
          {text('primaryResponse', t('form.primaryResponse'), true)}
          <Field label={t('form.resolvedOnTheSpot')} name="resolvedOnTheSpot" error={error} hint={t('form.resolvedOnTheSpotHint')}>
            {(props) => <input type="checkbox" {...props} />}
          </Field>
        </fieldset>
        <ErrorBanner error={error} />
        <button type="submit" disabled={busy}>
          {t('commands.submit')}
        </button>
      </form>
    </section>
  );
};
