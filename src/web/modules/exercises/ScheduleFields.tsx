/** Mode, start date-time in a time zone, and planned length: shared by scheduling and rescheduling. */
import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EXERCISE_MODES } from '../../../shared/contracts/exercises.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { timeZones } from './time.ts';

export type Mode = (typeof EXERCISE_MODES)[number];
export type Schedule = { mode: Mode; start: string; timeZone: string; plannedMinutes: number | null };

/** The browser's own zone, the usual default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Toronto';
}

/** The schedule inputs. */
export function ScheduleFields({ value, onChange, error }: { value: Schedule; onChange: (s: Schedule) => void; error: unknown }) {
  const { t } = useTranslation();
  const labels = useLabels();
  // The browser may report a zone (UTC, Etc/…) missing from the canonical list: keep it choosable.
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(value.timeZone) ? all : [value.timeZone, ...all];
  }, [value.timeZone]);
  return (
    <>
      <Select
        label={t('exercises.mode')}
        required
        allowDeselect={false}
        maw={480}
        data={EXERCISE_MODES.map((m) => ({ value: m, label: labels.exerciseMode(m) }))}
        value={value.mode}
        onChange={(v) => {
          if (v) onChange({ ...value, mode: v as Mode });
        }}
        error={fieldError(error, 'mode')}
      />
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label={t('exercises.start')}
          required
          value={value.start}
          onChange={(e) => onChange({ ...value, start: e.currentTarget.value })}
          error={fieldError(error, 'startsAt')}
        />
        <Select
          label={t('exercises.timeZone')}
          required
          searchable
          allowDeselect={false}
          data={zones}
          value={value.timeZone}
          onChange={(v) => {
            if (v) onChange({ ...value, timeZone: v });
          }}
          error={fieldError(error, 'timeZone')}
        />
        <NumberInput
          label={t('exercises.plannedMinutes')}
          description={t('exercises.plannedMinutesHint')}
          min={15}
          value={value.plannedMinutes ?? ''}
          onChange={(v) => onChange({ ...value, plannedMinutes: typeof v === 'number' ? v : null })}
          error={fieldError(error, 'plannedMinutes')}
        />
      </Group>
    </>
  );
}
