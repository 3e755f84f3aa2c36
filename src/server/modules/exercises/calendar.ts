/**
 * The exercise's schedule as iCalendar (RFC 5545). Calendars leave the system (phones, cloud
 * calendars), so a marked exercise's title stays out of them: anything above UNCLASSIFIED or
 * shared more narrowly than TLP GREEN gets a neutral summary and a pointer to Readyroom.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Locale } from '../../../shared/contracts/common.ts';
import type { ExerciseTable } from '../../platform/db/schema.ts';

export function isShareableOutside(row: Pick<ExerciseTable, 'classification' | 'tlp'>): boolean {
  return row.classification === 'UNCLASSIFIED' && (row.tlp === 'CLEAR' || row.tlp === 'GREEN');
}

const NEUTRAL = { en: 'Readyroom exercise', fr: 'Exercice Readyroom' } as const;
const SEE = {
  en: 'Sign in to Readyroom to see this exercise.',
  fr: 'Connectez-vous à Readyroom pour voir cet exercice.',
} as const;

/** A one-event calendar for the exercise, in the reader's language. */
export function exerciseCalendar(row: ExerciseTable, locale: Locale, url: string, method?: 'request'): string {
  const open = isShareableOutside(row);
  const title = locale === 'fr' ? row.title_fr : row.title_en;
  const start = new Date(row.starts_at);
  const cal = ical({ name: 'Readyroom', prodId: { company: 'Readyroom', product: 'readyroom', language: locale.toUpperCase() } });
  if (method === 'request') cal.method(ICalCalendarMethod.REQUEST);
  cal.createEvent({
    id: `${row.id}@readyroom`,
    start,
    end: new Date(start.getTime() + row.planned_minutes * 60_000),
    timezone: row.time_zone,
    summary: open ? title : NEUTRAL[locale],
    description: `${open ? `${title}\n\n` : ''}${SEE[locale]}\n${url}`,
    url,
    sequence: row.version,
  });
  return cal.toString();
}
