import { useTranslation } from 'react-i18next';

/** Dates, numbers and money in the chosen language, by Intl (time zone: the browser's, i.e. the office's). */
export const useFormat = () => {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
    number: (value: number | null | undefined) => (value === null || value === undefined ? '—' : number.format(value)),
    percent: (value: number | null | undefined) => (value === null || value === undefined ? '—' : percent.format(value)),
    money: (amountMinor: number, currency: string | null) => {
      if (!currency) return number.format(amountMinor);
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(amountMinor / 10 ** digits);
    },
  };
};
