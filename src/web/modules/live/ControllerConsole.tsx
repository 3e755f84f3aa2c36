/**
 * The controller's console: the clock, the MSEL with release/hold/skip/reschedule, expectations,
 * live figures with the reach chart per narrative, and posting as a simulated persona.
 */
import { Button, Card, Group, List, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useClockCommand, useInjectCommand, useLiveAction } from './mutations.ts';
import { EditInject } from './EditInject.tsx';
import type { LiveInject } from './queries.ts';
import { ReachChart } from './ReachChart.tsx';
import { EventStream, useNames, type LiveContext } from './shared.tsx';
import { acknowledgementRate, formatExerciseTime, reachCurves, str } from './store.ts';

const SPEEDS = ['1', '2', '5', '10', '30', '60'];

function ClockControls({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const clock = useClockCommand(ctx.exercise.id);
  const [speed, setSpeed] = useState<string | null>(String(ctx.state.clock.speed));
  const [jumpTo, setJumpTo] = useState<number | string>('');
  const status = ctx.state.clock.status;
  const busy = (c: string) => clock.isPending && clock.variables.command === c;
  const ended = status === 'ended';
  const started = status === 'running' || status === 'paused' || ended;
  return (
    <Card withBorder component="section" aria-labelledby="clock-heading">
      <Title order={2} size="h4" id="clock-heading" mb="sm">
        {t('live.clockControls')}
      </Title>
      <Stack gap="sm">
        <Group>
          {!started ? (
            <Button loading={busy('start')} onClick={() => clock.mutate({ command: 'start' })}>
              {t('live.start')}
            </Button>
          ) : null}
          {status === 'running' ? (
            <Button variant="default" loading={busy('pause')} onClick={() => clock.mutate({ command: 'pause' })}>
              {t('live.pause')}
            </Button>
          ) : null}
          {status === 'paused' ? (
            <Button loading={busy('resume')} onClick={() => clock.mutate({ command: 'resume' })}>
              {t('live.resume')}
            </Button>
          ) : null}
          {started && !ended ? (
            <Button color="red" variant="light" loading={busy('end')} onClick={() => clock.mutate({ command: 'end' })}>
              {t('live.end')}
            </Button>
          ) : null}
        </Group>
        <Group align="flex-end">
          <Select
            label={t('live.speed')}
            data={SPEEDS.map((s) => ({ value: s, label: t('live.speedOption', { speed: s }) }))}
            value={speed}
            onChange={setSpeed}
            allowDeselect={false}
            w={160}
            disabled={ended}
          />
          <Button
            variant="default"
            disabled={ended || !speed}
            loading={busy('speed')}
            onClick={() => clock.mutate({ command: 'speed', speed: Number(speed) })}
          >
            {t('live.setSpeed')}
          </Button>
        </Group>
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (typeof jumpTo === 'number') clock.mutate({ command: 'jump', toMinutes: jumpTo });
          }}
        >
          <Group align="flex-end">
            <NumberInput
              label={t('live.jumpTo')}
              min={0}
              max={60 * 24 * 30}
              value={jumpTo}
              onChange={setJumpTo}
              w={200}
              disabled={!started || ended}
            />
            <Button type="submit" variant="default" disabled={!started || ended || typeof jumpTo !== 'number'} loading={busy('jump')}>
              {t('live.jump')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={clock.error} title={t('live.commandRefused')} />
      </Stack>
    </Card>
  );
}

const INJECT_COLOURS: Record<string, string> = { pending: 'gray', held: 'orange', released: 'green', skipped: 'red' };
const EXPECTATION_COLOURS: Record<string, string> = { waiting: 'gray', open: 'blue', met: 'green', late: 'orange', missed: 'red' };

function InjectRow({ ctx, inj }: { ctx: LiveContext; inj: LiveInject }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const command = useInjectCommand(ctx.exercise.id);
  const [offset, setOffset] = useState<number | string>(inj.dueAtMs !== null ? Math.round(inj.dueAtMs / 60_000) : '');
  const open = inj.status === 'pending' || inj.status === 'held';
  const busy = (c: string) => command.isPending && command.variables.cmd.command === c;
  const name = t('live.injectLabel', { number: inj.number, title: labels.pick(inj.title) });
  return (
    <Table.Tr data-inject={inj.id} data-status={inj.status}>
      <Table.Td>{inj.number}</Table.Td>
      <Table.Td>{labels.pick(inj.title)}</Table.Td>
      <Table.Td ff="monospace">
        {inj.dueAtMs !== null ? formatExerciseTime(inj.dueAtMs) : t(`live.condition.${inj.condition}`, inj.condition)}
      </Table.Td>
      <Table.Td>
        <Tag color={INJECT_COLOURS[inj.status] ?? 'gray'}>{t(`live.injectStatus.${inj.status}`, inj.status)}</Tag>
      </Table.Td>
      <Table.Td>
        {open ? (
          <Stack gap={4}>
            <Group gap={4}>
              <Button
                size="compact-sm"
                loading={busy('release')}
                onClick={() => command.mutate({ injectId: inj.id, cmd: { command: 'release' } })}
                aria-label={t('live.releaseNamed', { name })}
              >
                {t('live.release')}
              </Button>
              {inj.status === 'pending' ? (
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={busy('hold')}
                  onClick={() => command.mutate({ injectId: inj.id, cmd: { command: 'hold' } })}
                  aria-label={t('live.holdNamed', { name })}
                >
                  {t('live.hold')}
                </Button>
              ) : null}
              <EditInject exerciseId={ctx.exercise.id} injectId={inj.id} name={name} title={inj.title} />
              <Button
                size="compact-sm"
                variant="default"
                color="red"
                loading={busy('skip')}
                onClick={() => command.mutate({ injectId: inj.id, cmd: { command: 'skip' } })}
                aria-label={t('live.skipNamed', { name })}
              >
                {t('live.skip')}
              </Button>
            </Group>
            <Group gap={4} align="flex-end">
              <NumberInput size="xs" aria-label={t('live.offsetOf', { name })} min={0} value={offset} onChange={setOffset} w={90} />
              <Button
                size="compact-sm"
                variant="default"
                disabled={typeof offset !== 'number'}
                loading={busy('reschedule')}
                onClick={() =>
                  typeof offset === 'number' &&
                  command.mutate({ injectId: inj.id, cmd: { command: 'reschedule', offsetMinutes: Math.round(offset) } })
                }
                aria-label={t('live.rescheduleNamed', { name })}
              >
                {t('live.reschedule')}
              </Button>
            </Group>
            <ErrorAlert error={command.error} title={t('live.commandRefused')} />
          </Stack>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function Msel({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const injects = ctx.state.injects ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="msel-heading">
      <Title order={2} size="h3" id="msel-heading">
        {t('live.msel')}
      </Title>
      <Table.ScrollContainer minWidth={900}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('live.number')}</Table.Th>
              <Table.Th scope="col">{t('live.injectTitle')}</Table.Th>
              <Table.Th scope="col">{t('live.due')}</Table.Th>
              <Table.Th scope="col">{t('live.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {injects.map((inj) => (
              <InjectRow key={`${inj.id}-${inj.status}-${inj.dueAtMs ?? ''}`} ctx={ctx} inj={inj} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Expectations({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const names = useNames(ctx);
  const list = ctx.state.expectations ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="expectations-heading">
      <Title order={2} size="h3" id="expectations-heading">
        {t('live.expectations')}
      </Title>
      {list.length === 0 ? (
        <Text c="dimmed">{t('live.noExpectations')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('live.inject')}</Table.Th>
                <Table.Th scope="col">{t('live.expectedAction')}</Table.Th>
                <Table.Th scope="col">{t('live.by')}</Table.Th>
                <Table.Th scope="col">{t('live.deadline')}</Table.Th>
                <Table.Th scope="col">{t('live.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={`${e.injectId}/${e.actionId}`} data-expectation={e.actionId} data-status={e.status}>
                  <Table.Td>{names.inject(e.injectId)}</Table.Td>
                  <Table.Td ff="monospace">{e.actionId}</Table.Td>
                  <Table.Td>{e.by.map((b) => names.team(b)).join(', ')}</Table.Td>
                  <Table.Td ff="monospace">{e.deadlineMs !== null ? formatExerciseTime(e.deadlineMs) : '—'}</Table.Td>
                  <Table.Td>
                    <Tag color={EXPECTATION_COLOURS[e.status] ?? 'gray'}>{t(`live.expectationStatus.${e.status}`, e.status)}</Tag>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Figures({ ctx }: { ctx: LiveContext }) {
  const { t, i18n } = useTranslation();
  const names = useNames(ctx);
  const rate = acknowledgementRate(ctx.events);
  const missed = (ctx.state.expectations ?? []).filter((e) => e.status === 'missed').length;
  const messages = ctx.events.filter((e) => e.kind === 'notification_sent').length;
  const curves = reachCurves(ctx.events);
  const countermeasures = ctx.events.filter((e) => e.kind === 'countermeasure');
  const narratives = [...new Set([...curves.keys(), ...countermeasures.map((e) => str(e, 'injectId') ?? '')])].filter(Boolean);
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent' });
  const figure = (label: string, value: string, testId: string) => (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby="figures-heading">
      <Title order={2} size="h3" id="figures-heading">
        {t('live.figures')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {figure(t('live.ackRate'), rate === null ? '—' : percent.format(rate), 'ack-rate')}
        {figure(t('live.overdue'), String(missed), 'overdue')}
        {figure(t('live.messages'), String(messages), 'messages')}
      </SimpleGrid>
      <Title order={3} size="h4">
        {t('live.reach.title')}
      </Title>
      {narratives.length === 0 ? <Text c="dimmed">{t('live.reach.none')}</Text> : null}
      {narratives.map((id) => {
        const mine = countermeasures.filter((e) => str(e, 'injectId') === id);
        return (
          <Card withBorder key={id} component="section" aria-label={names.inject(id)}>
            <Stack gap="xs">
              <Text fw={600}>{names.inject(id)}</Text>
              <ReachChart
                id={`reach-${id}`}
                title={names.inject(id)}
                points={curves.get(id) ?? []}
                countermeasures={mine.map((e) => e.exerciseMs)}
              />
              <Text size="sm" fw={600}>
                {t('live.countermeasures')}
              </Text>
              {mine.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('live.noCountermeasures')}
                </Text>
              ) : (
                <List size="sm" data-testid="countermeasures">
                  {mine.map((e) => (
                    <List.Item key={e.seq}>
                      {t('live.countermeasureAt', {
                        time: formatExerciseTime(e.exerciseMs),
                        measure: t(`live.measure.${str(e, 'measure') ?? 'report'}`),
                      })}
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function PersonaPost({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const action = useLiveAction(ctx.exercise.id);
  const [personaId, setPersonaId] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>('social_post');
  const [text, setText] = useState('');
  const personas = ctx.exercise.personas;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!personaId) return;
    action.mutate(
      { kind: 'persona_post', personaId, text, channel: (channel ?? 'social_post') as 'social_post' | 'news_article' | 'email' },
      { onSuccess: () => setText('') },
    );
  };
  return (
    <Card withBorder component="section" aria-labelledby="persona-heading">
      <Title order={2} size="h4" id="persona-heading" mb="sm">
        {t('live.personaPost')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('live.persona')}
              data={personas.map((p) => ({ value: p.id, label: `${p.name} (${p.handle})` }))}
              value={personaId}
              onChange={setPersonaId}
              required
            />
            <Select
              label={t('live.channel')}
              allowDeselect={false}
              data={(['social_post', 'news_article', 'email'] as const).map((c) => ({ value: c, label: labels.channel(c) }))}
              value={channel}
              onChange={setChannel}
            />
          </SimpleGrid>
          <Textarea
            label={t('live.postText')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={2000}
          />
          <ErrorAlert error={action.error} />
          <Group>
            <Button type="submit" disabled={!personaId || !text.trim()} loading={action.isPending}>
              {t('live.publishAsPersona')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function ControllerConsole({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ClockControls key={ctx.state.clock.speed} ctx={ctx} />
        <PersonaPost ctx={ctx} />
      </SimpleGrid>
      <Figures ctx={ctx} />
      <Msel ctx={ctx} />
      <Expectations ctx={ctx} />
      <Stack gap="xs" component="section" aria-labelledby="stream-heading">
        <Title order={2} size="h3" id="stream-heading">
          {t('live.eventStream')}
        </Title>
        <EventStream ctx={ctx} caption={t('live.eventStream')} />
      </Stack>
    </Stack>
  );
}
