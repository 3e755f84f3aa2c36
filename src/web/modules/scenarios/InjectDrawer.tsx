/** The details of one inject that do not fit a table row: content, marking, release condition, expected actions. */
import { Button, Drawer, Group, MultiSelect, NumberInput, Select, Stack, Table, Tabs, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Inject, ScenarioDocument } from '../../../shared/scenario-format.ts';
import { MarkingPicker } from '../../ui/Marking.tsx';
import { useLabels } from '../../ui/labels.ts';
import { fieldId, groupedOptions, selectOptions } from './design.ts';
import { freshId } from './editing.ts';

type Release = Inject['release'];
type Action = Inject['expectedActions'][number];
const RELEASE_KINDS = ['on_time', 'held', 'after_action', 'on_missed', 'model_threshold'] as const;

function defaultRelease(kind: Release['kind'], doc: ScenarioDocument): Release {
  const first = doc.injects[0]?.id ?? '';
  switch (kind) {
    case 'on_time':
    case 'held':
      return { kind };
    case 'after_action':
    case 'on_missed':
      return { kind, injectId: first, expectedActionId: '', delayMinutes: 0 };
    case 'model_threshold':
      return { kind, model: 'disinformation_reach', injectId: first, threshold: 1000 };
    default: {
      const never: never = kind;
      throw new Error(`unknown release ${String(never)}`);
    }
  }
}

function ReleaseEditor({ doc, value, onChange }: { doc: ScenarioDocument; value: Release; onChange: (r: Release) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const injectOptions = doc.injects.map((i) => ({ value: i.id, label: `${i.number}. ${labels.pick(i.title) || i.id}` }));
  return (
    <Stack gap="xs">
      <Select
        label={t('scenarios.release')}
        allowDeselect={false}
        data={RELEASE_KINDS.map((k) => ({ value: k, label: t(`scenarios.releaseKinds.${k}`) }))}
        value={value.kind}
        onChange={(v) => {
          if (v) onChange(defaultRelease(v as Release['kind'], doc));
        }}
      />
      {value.kind === 'after_action' || value.kind === 'on_missed' ? (
        <Group grow align="flex-start">
          <Select
            label={t('scenarios.releaseInject')}
            data={injectOptions}
            value={value.injectId}
            onChange={(v) => onChange({ ...value, injectId: v ?? '', expectedActionId: '' })}
          />
          <Select
            label={t('scenarios.releaseAction')}
            data={(doc.injects.find((i) => i.id === value.injectId)?.expectedActions ?? []).map((a) => ({
              value: a.id,
              label: labels.pick(a.description) || a.id,
            }))}
            value={value.expectedActionId || null}
            onChange={(v) => onChange({ ...value, expectedActionId: v ?? '' })}
          />
          <NumberInput
            label={t('scenarios.releaseDelay')}
            min={0}
            value={value.delayMinutes}
            onChange={(v) => onChange({ ...value, delayMinutes: typeof v === 'number' ? v : 0 })}
          />
        </Group>
      ) : null}
      {value.kind === 'model_threshold' ? (
        <Group grow align="flex-start">
          <Select
            label={t('scenarios.releaseModel')}
            allowDeselect={false}
            data={[
              { value: 'disinformation_reach', label: t('scenarios.models.disinformation_reach') },
              { value: 'cyber_spread', label: t('scenarios.models.cyber_spread') },
            ]}
            value={value.model}
            onChange={(v) => onChange({ ...value, model: v === 'cyber_spread' ? 'cyber_spread' : 'disinformation_reach' })}
          />
          <Select
            label={t('scenarios.releaseInject')}
            data={injectOptions}
            value={value.injectId}
            onChange={(v) => onChange({ ...value, injectId: v ?? '' })}
          />
          <NumberInput
            label={t('scenarios.releaseThreshold')}
            min={1}
            value={value.threshold}
            onChange={(v) => onChange({ ...value, threshold: typeof v === 'number' && v > 0 ? v : 1 })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

/** The action with an optional reference set, or left out when cleared (never an undefined key). */
function withRef(a: Action, key: 'objectiveId' | 'taskId' | 'sharingRuleId', value: string | null | undefined): Action {
  const { [key]: _dropped, ...rest } = a;
  return value ? { ...rest, [key]: value } : rest;
}

/** Which objective, critical task and sharing rule an expected action evidences. */
function ActionLinks({
  doc,
  action,
  n,
  path,
  onChange,
}: {
  doc: ScenarioDocument;
  action: Action;
  n: number;
  path: string;
  onChange: (a: Action) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const unknown = (id: string) => t('scenarioDesign.unknownRef', { id });
  const objective = doc.objectives.find((o) => o.id === action.objectiveId);
  const taskGroups = groupedOptions(
    (objective?.capabilities ?? []).map((c) => ({
      group: labels.pick(c.name) || c.id,
      items: c.criticalTasks.map((task) => ({ value: task.id, label: labels.pick(task.title) || task.id })),
    })),
    action.taskId,
    unknown,
  );
  const onObjective = (v: string | null) => {
    const next = withRef(action, 'objectiveId', v);
    const stillThere = doc.objectives
      .find((o) => o.id === v)
      ?.capabilities.some((c) => c.criticalTasks.some((x) => x.id === action.taskId));
    onChange(stillThere ? next : withRef(next, 'taskId', null));
  };
  return (
    <Group grow align="flex-start">
      <Select
        id={fieldId(`${path}.objectiveId`)}
        label={t('scenarioDesign.actionObjective')}
        aria-label={t('scenarioDesign.actionObjectiveN', { n })}
        clearable
        data={selectOptions(
          doc.objectives.map((o) => ({ value: o.id, label: labels.pick(o.title) || o.id })),
          action.objectiveId ? [action.objectiveId] : [],
          unknown,
        )}
        value={action.objectiveId ?? null}
        onChange={onObjective}
      />
      <Select
        id={fieldId(`${path}.taskId`)}
        label={t('scenarioDesign.actionTask')}
        aria-label={t('scenarioDesign.actionTaskN', { n })}
        description={action.objectiveId ? undefined : t('scenarioDesign.actionTaskHint')}
        clearable
        disabled={!action.objectiveId && !action.taskId}
        data={taskGroups}
        value={action.taskId ?? null}
        onChange={(v) => onChange(withRef(action, 'taskId', v))}
      />
      <Select
        id={fieldId(`${path}.sharingRuleId`)}
        label={t('scenarioDesign.actionRule')}
        aria-label={t('scenarioDesign.actionRuleN', { n })}
        clearable
        data={selectOptions(
          doc.sharingRules.map((r) => ({ value: r.id, label: labels.pick(r.description) || r.eventKind || r.id })),
          action.sharingRuleId ? [action.sharingRuleId] : [],
          unknown,
        )}
        value={action.sharingRuleId ?? null}
        onChange={(v) => onChange(withRef(action, 'sharingRuleId', v))}
      />
    </Group>
  );
}

function ActionsEditor({
  doc,
  actions,
  injectIndex,
  onChange,
}: {
  doc: ScenarioDocument;
  actions: Action[];
  injectIndex: number;
  onChange: (a: Action[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const set = (i: number, patch: Partial<Action>) => onChange(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const teamOptions = selectOptions(doc.teams.map((team) => ({ value: team.id, label: labels.pick(team.name) || team.id })));
  const path = (i: number) => `injects[${injectIndex}].expectedActions[${i}]`;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('scenarios.expectedActions')}
      </Title>
      {actions.length > 0 ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('scenarios.descriptionEn')}</Table.Th>
              <Table.Th scope="col">{t('scenarios.descriptionFr')}</Table.Th>
              <Table.Th scope="col">{t('scenarios.expectedBy')}</Table.Th>
              <Table.Th scope="col">{t('scenarios.withinMinutes')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((a, i) => [
              <Table.Tr key={`${i}-fields`}>
                <Table.Td>
                  <TextInput
                    id={fieldId(`${path(i)}.description.en`)}
                    aria-label={t('scenarios.actionDescriptionEnN', { n: i + 1 })}
                    lang="en"
                    value={a.description.en}
                    onChange={(e) => set(i, { description: { ...a.description, en: e.currentTarget.value } })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    id={fieldId(`${path(i)}.description.fr`)}
                    aria-label={t('scenarios.actionDescriptionFrN', { n: i + 1 })}
                    lang="fr"
                    value={a.description.fr}
                    onChange={(e) => set(i, { description: { ...a.description, fr: e.currentTarget.value } })}
                  />
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    id={fieldId(`${path(i)}.by`)}
                    aria-label={t('scenarios.expectedByN', { n: i + 1 })}
                    data={teamOptions}
                    value={a.by}
                    onChange={(by) => set(i, { by })}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('scenarios.withinMinutesN', { n: i + 1 })}
                    min={1}
                    value={a.withinMinutes}
                    onChange={(v) => set(i, { withinMinutes: typeof v === 'number' && v > 0 ? v : 1 })}
                  />
                </Table.Td>
                <Table.Td>
                  <Button variant="default" size="compact-sm" onClick={() => onChange(actions.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>,
              <Table.Tr key={`${i}-links`} data-testid={`action-links-${i}`}>
                <Table.Td colSpan={5}>
                  <ActionLinks
                    doc={doc}
                    action={a}
                    n={i + 1}
                    path={path(i)}
                    onChange={(next) => onChange(actions.map((x, j) => (j === i ? next : x)))}
                  />
                </Table.Td>
              </Table.Tr>,
            ])}
          </Table.Tbody>
        </Table>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="compact-md"
          onClick={() =>
            onChange([
              ...actions,
              {
                id: freshId('action', actions),
                description: { en: '', fr: '' },
                by: doc.teams[0] ? [doc.teams[0].id] : [],
                withinMinutes: 30,
              },
            ])
          }
        >
          {t('scenarios.addAction')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A side drawer editing the inject at `index` (closed when null). */
export function InjectDrawer({
  doc,
  index,
  onClose,
  onChange,
}: {
  doc: ScenarioDocument;
  index: number | null;
  onClose: () => void;
  onChange: (i: number, inj: Inject) => void;
}) {
  const { t } = useTranslation();
  const inj = index === null ? undefined : doc.injects[index];
  const set = (patch: Partial<Inject>) => {
    if (inj && index !== null) onChange(index, { ...inj, ...patch });
  };
  return (
    <Drawer
      opened={inj !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={inj ? t('scenarios.injectDetails', { n: inj.number }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      // Inside <main> (no second banner landmark); pinned to the window, not to main's position.
      withinPortal={false}
      styles={{ inner: { left: 0, right: 0 } }}
    >
      {inj ? (
        <Stack>
          <Tabs defaultValue="en">
            <Tabs.List>
              <Tabs.Tab value="en">{t('common.english')}</Tabs.Tab>
              <Tabs.Tab value="fr">{t('common.french')}</Tabs.Tab>
            </Tabs.List>
            {(['en', 'fr'] as const).map((l) => (
              <Tabs.Panel key={l} value={l} pt="sm">
                <Textarea
                  label={t(`scenarios.content_${l}`)}
                  lang={l}
                  autosize
                  minRows={5}
                  value={inj.content[l]}
                  onChange={(e) => set({ content: { ...inj.content, [l]: e.currentTarget.value } })}
                />
              </Tabs.Panel>
            ))}
          </Tabs>
          <MarkingPicker idPrefix={`inject-${index ?? 0}`} value={inj.marking} onChange={(marking) => set({ marking })} />
          <ReleaseEditor doc={doc} value={inj.release} onChange={(release) => set({ release })} />
          <ActionsEditor
            doc={doc}
            actions={inj.expectedActions}
            injectIndex={index ?? 0}
            onChange={(expectedActions) => set({ expectedActions })}
          />
          <Textarea
            label={t('scenarios.controllerNotes')}
            autosize
            minRows={2}
            value={inj.controllerNotes}
            onChange={(e) => set({ controllerNotes: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Drawer>
  );
}
