/** The evaluator's console (the event stream and observations tied to an event, objective or task) and the observer's read-only stream. */
import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useLiveAction } from './mutations.ts';
import { EventStream, useDescribe, type LiveContext } from './shared.tsx';
import { str, type LiveEvent } from './store.ts';

type ObservationTag = 'strength' | 'improvement';

function ObservationForm({ ctx, about, clearAbout }: { ctx: LiveContext; about: LiveEvent | null; clearAbout: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const describe = useDescribe(ctx);
  const action = useLiveAction(ctx.exercise.id);
  const [text, setText] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [objectiveId, setObjectiveId] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const objectives = ctx.exercise.objectives;
  const tasks = objectives.find((o) => o.id === objectiveId)?.capabilities.flatMap((c) => c.criticalTasks) ?? [];
  const injectId = about ? str(about, 'injectId') : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate(
      {
        kind: 'observation',
        text,
        tags: tags as ObservationTag[],
        ...(about ? { eventSeq: about.seq } : {}),
        ...(injectId ? { injectId } : {}),
        ...(objectiveId ? { objectiveId } : {}),
        ...(taskId ? { taskId } : {}),
      },
      {
        onSuccess: () => {
          setText('');
          setTags([]);
          clearAbout();
        },
      },
    );
  };
  return (
    <Card withBorder component="section" aria-labelledby="observation-heading">
      <Title order={2} size="h4" id="observation-heading" mb="sm">
        {t('live.recordObservation')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {about ? (
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" data-testid="observation-about">
                {t('live.aboutEvent', { seq: about.seq, what: describe(about) })}
              </Text>
              <Button size="compact-sm" variant="default" onClick={clearAbout}>
                {t('live.clearEvent')}
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('live.pickEventHint')}
            </Text>
          )}
          <Textarea
            label={t('live.observation')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={5000}
          />
          <Checkbox.Group label={t('live.quickTags')} value={tags} onChange={setTags}>
            <Group mt={4}>
              <Checkbox value="strength" label={t('live.tag.strength')} />
              <Checkbox value="improvement" label={t('live.tag.improvement')} />
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('live.objective')}
              clearable
              data={objectives.map((o) => ({ value: o.id, label: labels.pick(o.title) }))}
              value={objectiveId}
              onChange={(v) => {
                setObjectiveId(v);
                setTaskId(null);
              }}
            />
            <Select
              label={t('live.task')}
              clearable
              disabled={!objectiveId}
              data={tasks.map((task) => ({ value: task.id, label: labels.pick(task.title) }))}
              value={taskId}
              onChange={setTaskId}
            />
          </SimpleGrid>
          <ErrorAlert error={action.error} />
          <Group>
            <Button type="submit" disabled={!text.trim()} loading={action.isPending}>
              {t('live.saveObservation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Observations({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const list = ctx.events.filter((e) => e.kind === 'observation');
  return (
    <Stack gap="xs" component="section" aria-labelledby="observations-heading">
      <Title order={2} size="h3" id="observations-heading">
        {t('live.observations')}
      </Title>
      {list.length === 0 ? <Text c="dimmed">{t('live.noObservations')}</Text> : null}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {[...list].reverse().map((e) => {
          const tags = (e.payload.tags as string[] | undefined) ?? [];
          const seq = e.payload.eventSeq;
          return (
            <li key={e.seq} data-observation={e.seq}>
              <Text size="sm">
                {str(e, 'text')}
                {tags.length ? ` — ${tags.map((tag) => t(`live.tag.${tag}`)).join(', ')}` : ''}
                {typeof seq === 'number' ? ` — ${t('live.eventN', { seq })}` : ''}
              </Text>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

export function EvaluatorConsole({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  const [about, setAbout] = useState<LiveEvent | null>(null);
  return (
    <Stack gap="xl">
      <ObservationForm ctx={ctx} about={about} clearAbout={() => setAbout(null)} />
      <Observations ctx={ctx} />
      <Stack gap="xs" component="section" aria-labelledby="stream-heading">
        <Title order={2} size="h3" id="stream-heading">
          {t('live.eventStream')}
        </Title>
        <EventStream ctx={ctx} caption={t('live.eventStream')} onObserve={setAbout} />
      </Stack>
    </Stack>
  );
}

export function ObserverConsole({ ctx }: { ctx: LiveContext }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="stream-heading">
      <Title order={2} size="h3" id="stream-heading">
        {t('live.eventStream')}
      </Title>
      <Text c="dimmed">{t('live.readOnly')}</Text>
      <EventStream ctx={ctx} caption={t('live.eventStream')} />
    </Stack>
  );
}
