import { useQueryClient } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Field, GroupProblems, Options, Submit } from '../ui';
import { useCommand } from '../useCommand';
import { CHANNELS } from '../vocabulary';

/** A field's value, or nothing for an empty one (the API then names it if it is required). */
const optional = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
};

/** The free-text fields of the form, by their path in the body; each is labelled `form.<last part of the path>`. */
const CONTACT = ['complainant.email', 'complainant.phone', 'complainant.postalAddress'];
const SUBJECT = ['subject.productOrService', 'subject.serialNumber', 'subject.orderReference'];
const STORY = ['description', 'desiredRemedy', 'primaryResponse'];

/** Intake: the channel, the complainant with a way to reply, the subject, the description, the primary response. */
export const NewComplaintPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { send, error, busy } = useCommand();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = (names: string[]) => Object.fromEntries(names.map((name) => [name.split('.').at(-1), optional(form, name)]));
    const body = {
      channel: optional(form, 'channel'),
      complainant: { ...fields(['complainant.name', 'complainant.kind']), ...fields(CONTACT) },
      subject: fields(SUBJECT),
      ...fields(STORY),
      // Fixed on the spot: the registration then closes the case (first-contact resolution).
      resolvedOnTheSpot: form.get('resolvedOnTheSpot') === 'on',
    };
    void send('/complaints', body, {}, async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['journal'] });
      navigate(`/case/${result.complaintId}`);
    });
  };

  const text = (name: string) => (
    <Field key={name} label={t(`form.${name.split('.').at(-1)}` as 'form.name')} name={name} error={error}>
      {(props) => (STORY.includes(name) ? <textarea rows={3} {...props} /> : <input type={name.endsWith('email') ? 'email' : 'text'} {...props} />)}
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
                <Options values={CHANNELS} label={(channel) => t(`vocab.channel.${channel}` as 'vocab.yes')} />
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('form.complainant')}</legend>
          {text('complainant.name')}
          <Field label={t('form.kind')} name="complainant.kind" error={error}>
            {(props) => (
              <select defaultValue="person" {...props}>
                <option value="person">{t('form.person')}</option>
                <option value="organisation">{t('form.organisation')}</option>
              </select>
            )}
          </Field>
          <p className="hint">{t('form.contactHint')}</p>
          <GroupProblems name="complainant" error={error} />
          {CONTACT.map(text)}
        </fieldset>
        <fieldset>
          <legend>{t('form.subject')}</legend>
          {SUBJECT.map(text)}
        </fieldset>
        <fieldset>
          <legend>{t('form.description')}</legend>
          {STORY.map(text)}
          <Field label={t('form.resolvedOnTheSpot')} name="resolvedOnTheSpot" error={error} hint={t('form.resolvedOnTheSpotHint')}>
            {(props) => <input type="checkbox" {...props} />}
          </Field>
        </fieldset>
        <Submit error={error} busy={busy} label={t('commands.submit')} />
      </form>
    </section>
  );
};
