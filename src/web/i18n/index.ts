/**
 * i18next with the two catalogues bundled (nothing fetched). Before sign-in the language
 * choice lives in localStorage; once signed in, the user's stored locale wins.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/contracts/common.ts';
import en from './en.json';
import fr from './fr.json';

const STORAGE_KEY = 'readyroom.locale';
/** Set when the language was picked on the sign-in page, so that choice survives signing in. */
const CHOSEN_KEY = 'readyroom.localeChosen';

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

function readStored(): Locale | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

/** The language to start in: the stored choice, else the browser's, else English. */
export function initialLocale(): Locale {
  const stored = readStored();
  if (stored) return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language currently shown. */
export function currentLocale(): Locale {
  return i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';
}

function remember(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** Show the interface in this language, and keep <html lang> and the stored choice in step. */
export async function applyLocale(locale: Locale): Promise<void> {
  remember(locale);
  if (currentLocale() !== locale || i18n.language !== locale) await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** Record that the user picked this language before signing in. */
export function markLocaleChosen(locale: Locale): void {
  try {
    window.sessionStorage.setItem(CHOSEN_KEY, locale);
  } catch {
    // See remember().
  }
}

/** The language picked before sign-in during this visit, if any; reading it forgets it. */
export function takeChosenLocale(): Locale | null {
  try {
    const v = window.sessionStorage.getItem(CHOSEN_KEY);
    window.sessionStorage.removeItem(CHOSEN_KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

/** Start i18next; call once before the first render. */
export async function initI18n(): Promise<typeof i18n> {
  const lng = initialLocale();
  await i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', (l) => {
    document.documentElement.lang = l === 'fr' ? 'fr' : 'en';
  });
  return i18n;
}

export default i18n;
