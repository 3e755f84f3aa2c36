/**
 * /exercises/:id/live and /exercises/:id/live/:console — loads the exercise, its live state and
 * the event stream once, then shows the console that fits the reader: control (controllers and
 * planners), evaluate (evaluators), play (participants) or observe (read-only).
 */
import { Alert, Anchor, Group, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { useExercise } from '../exercises/queries.ts';
import { ControllerConsole } from './ControllerConsole.tsx';
import { EvaluatorConsole, ObserverConsole } from './EvaluatorConsole.tsx';
import { PlayerConsole } from './PlayerConsole.tsx';
import { liveKeys, useLiveState } from './queries.ts';
import { ConnectionIndicator, LiveClock, type LiveContext } from './shared.tsx';
import type { LiveEvent } from './store.ts';
import { useLiveStream } from './useLiveStream.ts';

export const CONSOLES = ['control', 'play', 'evaluate', 'observe'] as const;
export type ConsoleKind = (typeof CONSOLES)[number];

/** Event kinds that change what the live state says (clock, injects, expectations). */
const STATE_KINDS = new Set([
  'clock',
  'inject_released',
  'inject_held',
  'inject_skipped',
  'inject_edited',
  'expectation_met',
  'expectation_missed',
]);

/** The consoles the signed-in user may open, best first. */
function useConsoles(staff: boolean | undefined): ConsoleKind[] {
  const me = useMe();
  if (staff) {
    const control = me.roles.some((r) => r === 'controller' || r === 'planner' || r === 'admin');
    const evaluate = me.roles.some((r) => r === 'evaluator' || r === 'controller');
    return [...(control ? (['control'] as const) : []), ...(evaluate ? (['evaluate'] as const) : []), 'observe'];
  }
  const observerOnly = me.roles.includes('observer') && !me.roles.includes('player');
  return observerOnly ? ['observe'] : ['play', 'observe'];
}

export function LivePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id = '', console: requested } = useParams();
  const qc = useQueryClient();
  const exercise = useExercise(id);
  const state = useLiveState(id);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onEvents = useCallback(
    (events: LiveEvent[]) => {
      if (!events.some((e) => STATE_KINDS.has(e.kind))) return;
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => void qc.invalidateQueries({ queryKey: liveKeys.state(id) }), 150);
    },
    [qc, id],
  );
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  const live = exercise.data?.state === 'live' || exercise.data?.state === 'ended';
  const stream = useLiveStream(live ? id : '', onEvents);
  const consoles = useConsoles(state.data ? state.data.role === 'staff' : undefined);

  const title = exercise.data ? labels.pick(exercise.data.title) : t('live.title');
  if (!exercise.data || (live && !state.data)) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorAlert error={exercise.error ?? state.error} />
        {exercise.isPending || state.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      </>
    );
  }
  const x = exercise.data;
  if (!live || !state.data) {
    return (
      <>
        <PageHeader title={title} />
        <Stack>
          <Alert color="yellow" variant="light">
            {t('live.notLive')}
          </Alert>
          <Anchor component={Link} to={`/exercises/${x.id}`}>
            {t('live.backToExercise')}
          </Anchor>
        </Stack>
      </>
    );
  }
  if (!requested || !CONSOLES.includes(requested as ConsoleKind)) {
    return <Navigate to={`/exercises/${x.id}/live/${consoles[0] ?? 'observe'}`} replace />;
  }
  const kind = requested as ConsoleKind;
  const ctx: LiveContext = {
    exercise: x,
    state: state.data,
    stateAt: state.dataUpdatedAt,
    events: stream.store.events,
    teams: stream.hello?.teams ?? state.data.teams,
  };
  return (
    <>
      <PageHeader title={t(`live.consoleTitle.${kind}`, { title })} actions={<ConnectionIndicator connection={stream.connection} />} />
      <Stack gap="lg">
        <Group justify="space-between" wrap="wrap">
          <LiveClock ctx={ctx} />
          <Group>
            <MarkingBanner marking={x.marking} />
            <Anchor component={Link} to={`/exercises/${x.id}`}>
              {t('live.backToExercise')}
            </Anchor>
          </Group>
        </Group>
        {consoles.length > 1 ? (
          <Group component="nav" aria-label={t('live.consoles')} gap="md">
            {consoles.map((c) => (
              <Anchor
                key={c}
                component={Link}
                to={`/exercises/${x.id}/live/${c}`}
                aria-current={c === kind ? 'page' : undefined}
                fw={c === kind ? 700 : 400}
              >
                {t(`live.consoleName.${c}`)}
              </Anchor>
            ))}
          </Group>
        ) : null}
        {stream.connection.status === 'closed' ? (
          <Alert color="red" variant="light" role="alert" title={t('live.connection.stopped')}>
            {t(`live.connection.closed${stream.connection.code}Detail`)}
          </Alert>
        ) : null}
        {!consoles.includes(kind) ? (
          <Alert color="yellow" variant="light">
            {t('live.consoleNotForYou')}
          </Alert>
        ) : kind === 'control' ? (
          <ControllerConsole ctx={ctx} />
        ) : kind === 'play' ? (
          <PlayerConsole ctx={ctx} />
        ) : kind === 'evaluate' ? (
          <EvaluatorConsole ctx={ctx} />
        ) : (
          <ObserverConsole ctx={ctx} />
        )}
      </Stack>
    </>
  );
}
