/**
 * Tests only: English and Japanese translators over the app's own resources, from a private
 * i18next instance (the page's global instance is left alone).
 */
import i18next, { type TFunction } from 'i18next';
import { resources } from './resources';

export async function fixedTranslators(): Promise<{ en: TFunction; ja: TFunction }> {
  const i = i18next.createInstance();
  await i.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  return { en: i.getFixedT('en'), ja: i.getFixedT('ja') };
}
