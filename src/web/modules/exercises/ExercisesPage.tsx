/** Exercises: the list, and scheduling a new one from a scenario. */
import { Anchor, Button, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ExerciseState } from '../../../shared/contracts/exercises.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { NotPermitted } from '../../ui/NotPermitted.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { useScenarios } from '../scenarios/queries.ts';
import { useCreateExercise } from './mutations.ts';
import { useExercises } from './queries.ts';
import { ScheduleFields, browserTimeZone, type Schedule } from './ScheduleFields.tsx';
import { zonedIso } from './time.ts';

const STATE_COLOURS: Record<ExerciseState, string> = { draft: 'gray', ready: 'blue', live: 'green', ended: 'dark' };

/** The state of an exercise as a coloured tag. */
export function StateTag({ state }: { state: ExerciseState }) {
  const labels = useLabels();
  return <Tag color={STATE_COLOURS[state]}>{labels.exerciseState(state)}</Tag>;
}

/** True when the user may schedule and manage exercises. */
export function useCanPlanExercises(): boolean {
  const me = useMe();
  return me.roles.includes('planner') || me.roles.includes('admin');
}

/** A zoned date-time as the organisers see it: "12 Apr 2027, 09:00 (America/Toronto)". */
export function useZonedDateTime() {
  const { i18n } = useTranslation();
  return (iso: string, timeZone: string) =>
    `${new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))} (${timeZone})`;
}

/** /exercises */
export function ExercisesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const zoned = useZonedDateTime();
  const canPlan = useCanPlanExercises();
  const exercises = useExercises();
  return (
    <>
      <PageHeader
        title={t('exercises.title')}
        description={t('exercises.intro')}
        actions={
          canPlan ? (
            <Button component={Link} to="/exercises/new">
              {t('exercises.schedule')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={exercises.error} />
      {exercises.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {exercises.data && exercises.data.length === 0 ? <Text c="dimmed">{t('exercises.none')}</Text> : null}
      {exercises.data && exercises.data.length > 0 ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('exercises.caption', { count: exercises.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exercises.exerciseTitle')}</Table.Th>
                <Table.Th scope="col">{t('exercises.state')}</Table.Th>
                <Table.Th scope="col">{t('exercises.mode')}</Table.Th>
                <Table.Th scope="col">{t('exercises.start')}</Table.Th>
                <Table.Th scope="col">{t('marking.label')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exercises.data.map((x) => (
                <Table.Tr key={x.id} data-testid="exercise-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/exercises/${x.id}`}>
                      {labels.pick(x.title)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StateTag state={x.state} />
                  </Table.Td>
                  <Table.Td>{labels.exerciseMode(x.mode)}</Table.Td>
                  <Table.Td>{zoned(x.startsAt, x.timeZone)}</Table.Td>
                  <Table.Td>
                    <MarkingBanner marking={x.marking} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}

/** /exercises/new?scenario=<id> */
export function ScheduleExercisePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canPlan = useCanPlanExercises();
  const scenarios = useScenarios(canPlan);
  const create = useCreateExercise();
  const [scenarioId, setScenarioId] = useState<string | null>(params.get('scenario'));
  const [schedule, setSchedule] = useState<Schedule>({ mode: 'tabletop', start: '', timeZone: browserTimeZone(), plannedMinutes: null });
  const [localError, setLocalError] = useState<string | null>(null);
  if (!canPlan) return <NotPermitted />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedIso(schedule.start, schedule.timeZone);
    if (!scenarioId) return setLocalError(t('exercises.pickScenario'));
    if (!startsAt) return setLocalError(t('exercises.pickStart'));
    setLocalError(null);
    create.mutate(
      {
        scenarioId,
        mode: schedule.mode,
        startsAt,
        timeZone: schedule.timeZone,
        ...(schedule.plannedMinutes ? { plannedMinutes: schedule.plannedMinutes } : {}),
      },
      { onSuccess: (x) => void navigate(`/exercises/${x.id}`) },
    );
  };
  return (
    <>
      <PageHeader title={t('exercises.schedule')} description={t('exercises.scheduleIntro')} />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={900}>
          <ErrorAlert error={create.error} />
          {localError ? (
            <Text c="red.9" role="alert">
              {localError}
            </Text>
          ) : null}
          <Select
            label={t('exercises.scenario')}
            required
            searchable
            data={(scenarios.data ?? []).map((s) => ({ value: s.id, label: labels.pick(s.title) || s.id }))}
            value={scenarioId}
            onChange={setScenarioId}
            error={fieldError(create.error, 'scenarioId')}
          />
          <ScheduleFields value={schedule} onChange={setSchedule} error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/exercises')}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('exercises.scheduleSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
