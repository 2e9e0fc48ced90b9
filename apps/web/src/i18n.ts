import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './locales/ar';
import { bg } from './locales/bg';
import { en } from './locales/en';
import { hy } from './locales/hy';
import { ru } from './locales/ru';

/** The languages by their own names, in the control's order. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'bg', name: 'Български' },
  { code: 'ru', name: 'Русский' },
  { code: 'ar', name: 'العربية' },
  { code: 'hy', name: 'Հայերեն' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const LANGUAGE_KEY = 'ledger.language';
const RTL: readonly string[] = ['ar'];

const known = (code: string | null | undefined): code is Language => LANGUAGES.some((language) => language.code === code);

/** `?lang=` first (a shared link), then the kept choice, then the browser's, else English. */
export const initialLanguage = (): Language => {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (known(fromUrl)) {
    localStorage.setItem(LANGUAGE_KEY, fromUrl);
    return fromUrl;
  }
  const kept = localStorage.getItem(LANGUAGE_KEY);
  if (known(kept)) return kept;
  const browser = navigator.language.slice(0, 2);
  return known(browser) ? browser : 'en';
};

/** Sets lang and dir on <html>, so the whole layout mirrors for Arabic (CSS uses logical properties). */
const applyToDocument = (language: string) => {
  document.documentElement.lang = language;
  document.documentElement.dir = RTL.includes(language) ? 'rtl' : 'ltr';
};

export const chooseLanguage = async (language: Language): Promise<void> => {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
};

export const setUpI18n = () => {
  const lng = initialLanguage();
  applyToDocument(lng);
  i18next.on('languageChanged', applyToDocument);
  return i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, bg: { translation: bg }, ru: { translation: ru }, ar: { translation: ar }, hy: { translation: hy } },
    // React escapes what it renders; i18next must not escape again (a complainant's text is shown as text).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
};
