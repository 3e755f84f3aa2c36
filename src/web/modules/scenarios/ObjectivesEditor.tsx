/** Objectives, the capabilities under each, and the critical tasks under each capability. */
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { fieldId, idProblem } from './design.ts';
import { freshId, move } from './editing.ts';

type Objective = ScenarioDocument['objectives'][number];
type Capability = Objective['capabilities'][number];
type Task = Capability['criticalTasks'][number];
type Text2 = { en: string; fr: string };

/** The live message for an identifier, else the server's message from the last save. */
function useIdError() {
  const { t } = useTranslation();
  return (items: readonly { id: string }[], i: number, error: unknown, field: string): string | undefined => {
    const p = idProblem(items, i);
    if (p === 'format') return t('scenarioDesign.idRule');
    if (p === 'duplicate') return t('scenarioDesign.duplicateId');
    return fieldError(error, field);
  };
}

/** Move up, move down and remove buttons for one item of a list. */
export function RowButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  name: string;
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-sm"
        variant="default"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={t('scenarioDesign.moveUpNamed', { name })}
      >
        ↑
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={t('scenarioDesign.moveDownNamed', { name })}
      >
        ↓
      </Button>
      <Button size="compact-sm" variant="default" color="red" onClick={onRemove} aria-label={t('scenarioDesign.removeNamed', { name })}>
        {t('common.remove')}
      </Button>
    </Group>
  );
}

/** Identifier and the two language fields of one item, on one line. */
function ItemFields({
  path,
  name,
  textKey,
  id,
  text,
  idError,
  onId,
  onText,
  error,
}: {
  path: string;
  name: string;
  textKey: 'title' | 'name';
  id: string;
  text: Text2;
  idError: string | undefined;
  onId: (id: string) => void;
  onText: (text: Text2) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const label = (l: 'en' | 'fr') => t(textKey === 'title' ? `scenarioDesign.title_${l}` : `scenarioDesign.name_${l}`);
  return (
    <Group grow align="flex-start" wrap="wrap" style={{ flex: 1 }}>
      <TextInput
        id={fieldId(`${path}.id`)}
        label={t('scenarioDesign.id')}
        aria-label={t('scenarioDesign.fieldOf', { field: t('scenarioDesign.id'), name })}
        maw={220}
        value={id}
        onChange={(e) => onId(e.currentTarget.value)}
        error={idError}
      />
      {(['en', 'fr'] as const).map((l) => (
        <TextInput
          key={l}
          id={fieldId(`${path}.${textKey}.${l}`)}
          label={label(l)}
          aria-label={t('scenarioDesign.fieldOf', { field: label(l), name })}
          lang={l}
          miw={200}
          value={text[l]}
          onChange={(e) => onText({ ...text, [l]: e.currentTarget.value })}
          error={fieldError(error, `${path.replace(/\[(\d+)\]/g, '.$1')}.${textKey}.${l}`)}
        />
      ))}
    </Group>
  );
}

function Level({ children, heading }: { children: ReactNode; heading: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="xs">
        {heading}
        {children}
      </Stack>
    </Paper>
  );
}

/** The objectives editor. */
export function ObjectivesEditor({
  objectives,
  onChange,
  error,
}: {
  objectives: Objective[];
  onChange: (o: Objective[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const idError = useIdError();
  const setObjective = (i: number, patch: Partial<Objective>) => onChange(objectives.map((o, j) => (j === i ? { ...o, ...patch } : o)));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('scenarioDesign.objectivesIntro')}
      </Text>
      {objectives.length === 0 ? <Text size="sm">{t('scenarioDesign.noObjectives')}</Text> : null}
      {objectives.map((o, i) => {
        const oPath = `objectives[${i}]`;
        const oName = t('scenarioDesign.objectiveN', { n: i + 1 });
        const caps = o.capabilities;
        const setCaps = (capabilities: Capability[]) => setObjective(i, { capabilities });
        const setCap = (j: number, patch: Partial<Capability>) => setCaps(caps.map((c, k) => (k === j ? { ...c, ...patch } : c)));
        return (
          <Level
            key={i}
            heading={
              <Group justify="space-between" wrap="nowrap">
                <Title order={3} size="h5">
                  {oName}
                </Title>
                <RowButtons
                  name={oName}
                  index={i}
                  count={objectives.length}
                  onMove={(d) => onChange(move(objectives, i, d))}
                  onRemove={() => onChange(objectives.filter((_, k) => k !== i))}
                />
              </Group>
            }
          >
            <ItemFields
              path={oPath}
              name={oName}
              textKey="title"
              id={o.id}
              text={o.title}
              idError={idError(objectives, i, error, `objectives.${i}.id`)}
              onId={(id) => setObjective(i, { id })}
              onText={(title) => setObjective(i, { title })}
              error={error}
            />
            <Stack gap="xs" pl="md">
              {caps.map((c, j) => {
                const cPath = `${oPath}.capabilities[${j}]`;
                const cName = t('scenarioDesign.capabilityN', { n: `${i + 1}.${j + 1}` });
                const tasks = c.criticalTasks;
                const setTasks = (criticalTasks: Task[]) => setCap(j, { criticalTasks });
                const setTask = (k: number, patch: Partial<Task>) => setTasks(tasks.map((x, m) => (m === k ? { ...x, ...patch } : x)));
                return (
                  <Level
                    key={j}
                    heading={
                      <Group justify="space-between" wrap="nowrap">
                        <Title order={4} size="h6">
                          {cName}
                        </Title>
                        <RowButtons
                          name={cName}
                          index={j}
                          count={caps.length}
                          onMove={(d) => setCaps(move(caps, j, d))}
                          onRemove={() => setCaps(caps.filter((_, k) => k !== j))}
                        />
                      </Group>
                    }
                  >
                    <ItemFields
                      path={cPath}
                      name={cName}
                      textKey="name"
                      id={c.id}
                      text={c.name}
                      idError={idError(caps, j, error, `objectives.${i}.capabilities.${j}.id`)}
                      onId={(id) => setCap(j, { id })}
                      onText={(name) => setCap(j, { name })}
                      error={error}
                    />
                    <Stack gap="xs" pl="md">
                      {tasks.map((task, k) => {
                        const tName = t('scenarioDesign.taskN', { n: `${i + 1}.${j + 1}.${k + 1}` });
                        return (
                          <Group key={k} align="flex-start" wrap="nowrap" data-testid={`task-${i}-${j}-${k}`}>
                            <ItemFields
                              path={`${cPath}.criticalTasks[${k}]`}
                              name={tName}
                              textKey="title"
                              id={task.id}
                              text={task.title}
                              idError={idError(tasks, k, error, `objectives.${i}.capabilities.${j}.criticalTasks.${k}.id`)}
                              onId={(id) => setTask(k, { id })}
                              onText={(title) => setTask(k, { title })}
                              error={error}
                            />
                            <Stack gap={4} pt={26}>
                              <RowButtons
                                name={tName}
                                index={k}
                                count={tasks.length}
                                onMove={(d) => setTasks(move(tasks, k, d))}
                                onRemove={() => setTasks(tasks.filter((_, m) => m !== k))}
                              />
                            </Stack>
                          </Group>
                        );
                      })}
                      <Group>
                        <Button
                          variant="default"
                          size="compact-sm"
                          aria-label={t('scenarioDesign.addTaskTo', { name: cName })}
                          onClick={() =>
                            setTasks([
                              ...tasks,
                              {
                                id: freshId(
                                  'task',
                                  objectives.flatMap((x) => x.capabilities.flatMap((y) => y.criticalTasks)),
                                ),
                                title: { en: '', fr: '' },
                              },
                            ])
                          }
                        >
                          {t('scenarioDesign.addTask')}
                        </Button>
                      </Group>
                    </Stack>
                  </Level>
                );
              })}
              <Group>
                <Button
                  variant="default"
                  size="compact-sm"
                  aria-label={t('scenarioDesign.addCapabilityTo', { name: oName })}
                  onClick={() =>
                    setCaps([
                      ...caps,
                      {
                        id: freshId(
                          'capability',
                          objectives.flatMap((x) => x.capabilities),
                        ),
                        name: { en: '', fr: '' },
                        criticalTasks: [],
                      },
                    ])
                  }
                >
                  {t('scenarioDesign.addCapability')}
                </Button>
              </Group>
            </Stack>
          </Level>
        );
      })}
      <Group>
        <Button
          variant="default"
          onClick={() => onChange([...objectives, { id: freshId('objective', objectives), title: { en: '', fr: '' }, capabilities: [] }])}
        >
          {t('scenarioDesign.addObjective')}
        </Button>
      </Group>
    </Stack>
  );
}
