/** The MSEL as an editable table: one row per inject, with add, duplicate, delete, reorder and bulk shift. */
import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Inject, type ScenarioDocument } from '../../../shared/scenario-format.ts';
import { formatOffset, parseOffset } from '../../../shared/scenario-rules.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { duplicateInject, move, newInject, shiftInjects } from './editing.ts';

const EVERYONE = '__everyone';
const ROLE = 'role:';

/** Element id of an inject's first field, so problems can move focus to it. */
export const injectFieldId = (i: number) => `inject-${i}-offset`;

function OffsetInput({ inject, index, onChange }: { inject: Inject; index: number; onChange: (minutes: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? formatOffset(inject.offsetMinutes);
  const parsed = text === null ? null : parseOffset(text);
  return (
    <TextInput
      id={injectFieldId(index)}
      aria-label={t('scenarios.offsetN', { n: inject.number })}
      value={shown}
      w={150}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        const p = parseOffset(v);
        if (p.ok) onChange(p.minutes);
      }}
      onBlur={() => {
        if (parsed?.ok) setText(null);
      }}
      error={parsed && !parsed.ok ? parsed.message : undefined}
    />
  );
}

/** The MSEL editor. */
export function MselTable({
  doc,
  onChange,
  onOpen,
  highlighted,
  error,
}: {
  doc: ScenarioDocument;
  onChange: (injects: Inject[]) => void;
  onOpen: (index: number) => void;
  highlighted: number | null;
  /** The last save's error: a field such as injects.2.title.en is shown on its row. */
  error: unknown;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [shiftBy, setShiftBy] = useState<number>(15);
  const injects = doc.injects;
  const set = (i: number, patch: Partial<Inject>) => onChange(injects.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  // Teams, and the roles inside them ("role:<id>"), as one list of recipients.
  const recipientOptions = [
    { value: EVERYONE, label: t('scenarios.everyone') },
    ...doc.teams.flatMap((team) => [
      { value: team.id, label: labels.pick(team.name) || team.id },
      ...team.roles.map((role) => ({
        value: `${ROLE}${role.id}`,
        label: `${labels.pick(team.name) || team.id} — ${labels.pick(role.name) || role.id}`,
      })),
    ]),
  ];
  const personaOptions = doc.personas.map((p) => ({ value: p.id, label: p.name || p.id }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id="msel-heading">
        {t('scenarios.msel')}
      </Title>
      <Group align="flex-end">
        <Button onClick={() => onChange([...injects, newInject(doc)])}>{t('scenarios.addInject')}</Button>
        <NumberInput
          label={t('scenarios.shiftMinutes')}
          w={160}
          value={shiftBy}
          onChange={(v) => setShiftBy(typeof v === 'number' ? v : 0)}
        />
        <Button
          variant="default"
          disabled={selected.size === 0 || shiftBy === 0}
          onClick={() => onChange(shiftInjects(injects, selected, shiftBy))}
        >
          {t('scenarios.shiftSelected', { count: selected.size })}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('scenarios.offsetHint')}
      </Text>
      {injects.length === 0 ? (
        <Text c="dimmed">{t('scenarios.noInjects')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1500}>
          <Table aria-labelledby="msel-heading" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <Checkbox
                    aria-label={t('scenarios.selectAll')}
                    checked={selected.size > 0 && selected.size === injects.length}
                    indeterminate={selected.size > 0 && selected.size < injects.length}
                    onChange={() => setSelected(selected.size === injects.length ? new Set() : new Set(injects.map((i) => i.id)))}
                  />
                </Table.Th>
                <Table.Th scope="col">{t('scenarios.number')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.offset')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.titleEn')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.titleFr')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.channel')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.recipients')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.persona')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.releaseShort')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {injects.map((inj, i) => (
                <Table.Tr key={inj.id} bg={highlighted === i ? 'yellow.0' : undefined} data-testid={`inject-row-${i}`}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('scenarios.selectN', { n: inj.number })}
                      checked={selected.has(inj.id)}
                      onChange={() => toggle(inj.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('scenarios.numberN', { n: i + 1 })}
                      w={80}
                      min={1}
                      value={inj.number}
                      onChange={(v) => set(i, { number: typeof v === 'number' && v >= 1 ? v : 1 })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <OffsetInput inject={inj} index={i} onChange={(offsetMinutes) => set(i, { offsetMinutes })} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('scenarios.titleEnN', { n: inj.number })}
                      lang="en"
                      miw={180}
                      value={inj.title.en}
                      onChange={(e) => set(i, { title: { ...inj.title, en: e.currentTarget.value } })}
                      error={fieldError(error, `injects.${i}.title.en`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('scenarios.titleFrN', { n: inj.number })}
                      lang="fr"
                      miw={180}
                      value={inj.title.fr}
                      onChange={(e) => set(i, { title: { ...inj.title, fr: e.currentTarget.value } })}
                      error={fieldError(error, `injects.${i}.title.fr`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('scenarios.channelN', { n: inj.number })}
                      allowDeselect={false}
                      w={180}
                      data={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
                      value={inj.channel}
                      onChange={(v) => {
                        if (v) set(i, { channel: v as Inject['channel'] });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <MultiSelect
                      aria-label={t('scenarios.recipientsN', { n: inj.number })}
                      miw={200}
                      data={recipientOptions}
                      value={[
                        ...(inj.recipients.everyone ? [EVERYONE] : []),
                        ...inj.recipients.teams,
                        ...inj.recipients.roles.map((r) => `${ROLE}${r}`),
                      ]}
                      onChange={(v) =>
                        set(i, {
                          recipients: {
                            everyone: v.includes(EVERYONE),
                            teams: v.filter((x) => x !== EVERYONE && !x.startsWith(ROLE)),
                            roles: v.filter((x) => x.startsWith(ROLE)).map((x) => x.slice(ROLE.length)),
                          },
                        })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('scenarios.personaN', { n: inj.number })}
                      clearable
                      w={160}
                      data={personaOptions}
                      value={inj.personaId ?? null}
                      onChange={(v) => set(i, { personaId: v ?? undefined })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`scenarios.releaseKinds.${inj.release.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" onClick={() => onOpen(i)} aria-label={t('scenarios.detailsN', { n: inj.number })}>
                        {t('scenarios.details')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => onChange(duplicateInject(injects, i))}
                        aria-label={t('scenarios.duplicateN', { n: inj.number })}
                      >
                        {t('scenarios.duplicate')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        disabled={i === 0}
                        onClick={() => onChange(move(injects, i, -1))}
                        aria-label={t('scenarios.moveUpN', { n: inj.number })}
                      >
                        ↑
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        disabled={i === injects.length - 1}
                        onClick={() => onChange(move(injects, i, 1))}
                        aria-label={t('scenarios.moveDownN', { n: inj.number })}
                      >
                        ↓
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        color="red"
                        onClick={() => onChange(injects.filter((_, j) => j !== i))}
                        aria-label={t('scenarios.deleteN', { n: inj.number })}
                      >
                        {t('common.delete')}
                      </Button>
                    </Group>
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
