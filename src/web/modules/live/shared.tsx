/** What every live console shares: names, event descriptions, the connection indicator, the clock and the event stream. */
import { Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../../shared/contracts/exercises.ts';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import type { LiveState } from './queries.ts';
import { clockNow, formatExerciseTime, num, str, type LiveEvent } from './store.ts';
import type { ConnectionState } from './useLiveStream.ts';

/** Everything a console needs, loaded once by the live page. */
export type LiveContext = {
  exercise: Exercise;
  state: LiveState;
  /** When `state` was read (wall ms), to run the clock on between reads. */
  stateAt: number;
  events: readonly LiveEvent[];
  /** The reader's teams (from the server's hello, else from the live state). */
  teams: string[];
};

/** Display names for teams, people and injects of the exercise. */
export function useNames(ctx: LiveContext) {
  const { t } = useTranslation();
  const labels = useLabels();
  const teams = new Map(ctx.exercise.teams.map((team) => [team.id, labels.pick(team.name) || team.id]));
  const people = new Map(ctx.exercise.participants.map((p) => [p.userId, p.displayName]));
  const injects = new Map<string, { number: number; title: string }>();
  for (const i of ctx.state.injects ?? []) injects.set(i.id, { number: i.number, title: labels.pick(i.title) });
  for (const e of ctx.events) {
    const id = str(e, 'injectId');
    const title = e.payload.title as { en: string; fr: string } | undefined;
    if (e.kind === 'inject_released' && id && title) injects.set(id, { number: num(e, 'number') ?? 0, title: labels.pick(title) });
  }
  return {
    team: (id: string | null | undefined) => (id ? (teams.get(id) ?? id) : t('live.control')),
    person: (id: string | null | undefined) => (id ? (people.get(id) ?? t('live.control')) : t('live.system')),
    inject: (id: string | null | undefined) => {
      if (!id) return '';
      const i = injects.get(id);
      return i ? t('live.injectLabel', { number: i.number, title: i.title }) : id;
    },
  };
}

/** One line describing an event, in the current language. */
export function useDescribe(ctx: LiveContext) {
  const { t } = useTranslation();
  const names = useNames(ctx);
  return (e: LiveEvent): string => {
    const inject = names.inject(str(e, 'injectId'));
    const team = names.team(e.teamId);
    const text = str(e, 'text') ?? '';
    switch (e.kind) {
      case 'clock':
        return t('live.events.clock', { status: t(`live.clockStatus.${str(e, 'status') ?? 'ready'}`), speed: num(e, 'speed') ?? 1 });
      case 'inject_released':
      case 'inject_held':
      case 'inject_skipped':
      case 'acknowledged':
        return t(`live.events.${e.kind}`, { inject, team });
      case 'inject_edited':
        return t('live.events.inject_edited', { inject, time: formatExerciseTime(num(e, 'offsetMs') ?? 0) });
      case 'expectation_met':
      case 'expectation_missed':
      case 'action_reported':
        return t(`live.events.${e.kind}`, { inject, team, action: str(e, 'actionId') ?? '' });
      case 'model_value':
        return t('live.events.model_value', { inject, value: Math.round(num(e, 'value') ?? 0).toLocaleString() });
      case 'countermeasure':
        return t('live.events.countermeasure', { inject, measure: t(`live.measure.${str(e, 'measure') ?? 'report'}`) });
      case 'chat':
      case 'decision':
      case 'social_post':
      case 'statement':
      case 'observation':
        return t(`live.events.${e.kind}`, { team, text });
      case 'notification_sent': {
        const to = ((e.payload.toTeams as string[] | undefined) ?? []).map((id) => names.team(id)).join(', ');
        return t('live.events.notification_sent', { team, to, text });
      }
      case 'post_shared':
      case 'post_reported':
      case 'takedown_requested':
        return t(`live.events.${e.kind}`, { team, post: num(e, 'postSeq') ?? 0 });
      case 'persona_post':
        return t('live.events.persona_post', { name: str(e, 'name') ?? '', handle: str(e, 'handle') ?? '', text });
      default:
        return t('live.events.other', { kind: e.kind });
    }
  };
}

const CONNECTION_COLOURS = { connecting: 'gray', connected: 'green', reconnecting: 'orange', offline: 'red', closed: 'red' } as const;

/** The connection state, announced politely to screen readers. */
export function ConnectionIndicator({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const label =
    connection.status === 'reconnecting'
      ? t('live.connection.reconnecting', { attempt: connection.attempt })
      : connection.status === 'closed'
        ? t(`live.connection.closed${connection.code}`)
        : t(`live.connection.${connection.status}`);
  return (
    <div role="status" aria-live="polite" data-connection={connection.status}>
      <Tag color={CONNECTION_COLOURS[connection.status]}>{label}</Tag>
    </div>
  );
}

/** The exercise clock, running on between reads of the live state. */
export function LiveClock({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const running = ctx.state.clock.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const ms = clockNow(ctx.state.clock, ctx.stateAt, Math.max(now, ctx.stateAt));
  return (
    <Group gap="sm" aria-label={t('live.clock')} role="group">
      <Text fw={700} ff="monospace" size="xl" data-testid="exercise-clock">
        {formatExerciseTime(ms)}
      </Text>
      <Tag color={running ? 'green' : 'gray'}>{t(`live.clockStatus.${ctx.state.clock.status}`)}</Tag>
      <Text size="sm" c="dimmed">
        {t('live.speedIs', { speed: ctx.state.clock.speed })}
      </Text>
    </Group>
  );
}

/** Every event the reader received, newest first; with `onObserve`, a button per event to observe it. */
export function EventStream({
  ctx,
  onObserve,
  kinds,
  caption,
}: {
  ctx: LiveContext;
  onObserve?: (e: LiveEvent) => void;
  kinds?: readonly string[];
  caption: string;
}) {
  const { t } = useTranslation();
  const describe = useDescribe(ctx);
  const rows = [...ctx.events].filter((e) => !kinds || kinds.includes(e.kind)).reverse();
  if (rows.length === 0) return <Text c="dimmed">{t('live.noEvents')}</Text>;
  return (
    <Table.ScrollContainer minWidth={600} mah={480}>
      <Table striped>
        <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('live.seq')}</Table.Th>
            <Table.Th scope="col">{t('live.time')}</Table.Th>
            <Table.Th scope="col">{t('live.what')}</Table.Th>
            {onObserve ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.seq} data-kind={e.kind}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td ff="monospace">{formatExerciseTime(e.exerciseMs)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{describe(e)}</Table.Td>
              {onObserve ? (
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => onObserve(e)}
                    aria-label={t('live.observeEvent', { seq: e.seq })}
                  >
                    {t('live.observe')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
