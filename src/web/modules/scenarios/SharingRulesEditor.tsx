/** The scenario's information-sharing rules, each also read back as a sentence. */
import { Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SHARING_CHANNELS } from '../../../shared/contracts/plans.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { fieldId, idProblem, selectOptions } from './design.ts';
import { freshId, move } from './editing.ts';
import { RowButtons } from './ObjectivesEditor.tsx';

type Rule = ScenarioDocument['sharingRules'][number];
type Team = ScenarioDocument['teams'][number];

/** "When a leak is known to Returning office, notify CCCS and RCMP within 30 minutes by phone." */
export function useRuleSentence(teams: readonly Team[]) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const lang = i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';
  const list = new Intl.ListFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { style: 'long', type: 'conjunction' });
  const team = (id: string) => {
    const found = teams.find((x) => x.id === id);
    return found ? labels.pick(found.name) || id : id || t('scenarioDesign.noTeam');
  };
  return (r: Rule) =>
    t('scenarioDesign.ruleSentence', {
      eventKind: r.eventKind.trim() || t('scenarioDesign.noEvent'),
      knownTo: team(r.knownTo),
      notify: r.notify.length ? list.format(r.notify.map(team)) : t('scenarioDesign.noTeam'),
      within: t('scenarioDesign.within', { count: r.withinMinutes }),
      channel: t(`scenarioDesign.channelPhrase.${r.channel}`),
    });
}

/** The sharing-rules editor. */
export function SharingRulesEditor({
  rules,
  teams,
  onChange,
  error,
}: {
  rules: Rule[];
  teams: Team[];
  onChange: (rules: Rule[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const sentence = useRuleSentence(teams);
  const set = (i: number, patch: Partial<Rule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const teamOptions = teams.map((x) => ({ value: x.id, label: labels.pick(x.name) || x.id }));
  const unknown = (id: string) => t('scenarioDesign.unknownRef', { id });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('scenarioDesign.sharingRulesIntro')}
      </Text>
      {rules.length === 0 ? <Text size="sm">{t('scenarioDesign.noSharingRules')}</Text> : null}
      {rules.map((r, i) => {
        const name = t('scenarioDesign.ruleN', { n: i + 1 });
        const path = `sharingRules[${i}]`;
        const of = (field: string) => t('scenarioDesign.fieldOf', { field, name });
        const problem = idProblem(rules, i);
        return (
          <Paper key={i} withBorder p="sm" radius="sm" data-testid={`sharing-rule-${i}`}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Title order={3} size="h5">
                  {name}
                </Title>
                <RowButtons
                  name={name}
                  index={i}
                  count={rules.length}
                  onMove={(d) => onChange(move(rules, i, d))}
                  onRemove={() => onChange(rules.filter((_, j) => j !== i))}
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  id={fieldId(`${path}.id`)}
                  label={t('scenarioDesign.id')}
                  aria-label={of(t('scenarioDesign.id'))}
                  maw={220}
                  value={r.id}
                  onChange={(e) => set(i, { id: e.currentTarget.value })}
                  error={
                    problem === 'format'
                      ? t('scenarioDesign.idRule')
                      : problem === 'duplicate'
                        ? t('scenarioDesign.duplicateId')
                        : fieldError(error, `sharingRules.${i}.id`)
                  }
                />
                {(['en', 'fr'] as const).map((l) => (
                  <TextInput
                    key={l}
                    id={fieldId(`${path}.description.${l}`)}
                    label={t(`scenarioDesign.description_${l}`)}
                    aria-label={of(t(`scenarioDesign.description_${l}`))}
                    lang={l}
                    miw={220}
                    value={r.description[l]}
                    onChange={(e) => set(i, { description: { ...r.description, [l]: e.currentTarget.value } })}
                    error={fieldError(error, `sharingRules.${i}.description.${l}`)}
                  />
                ))}
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  id={fieldId(`${path}.eventKind`)}
                  label={t('scenarioDesign.eventKind')}
                  aria-label={of(t('scenarioDesign.eventKind'))}
                  description={t('scenarioDesign.eventKindHint')}
                  value={r.eventKind}
                  onChange={(e) => set(i, { eventKind: e.currentTarget.value })}
                  error={r.eventKind.trim() ? fieldError(error, `sharingRules.${i}.eventKind`) : t('scenarioDesign.eventKindRequired')}
                />
                <Select
                  id={fieldId(`${path}.knownTo`)}
                  label={t('scenarioDesign.knownTo')}
                  aria-label={of(t('scenarioDesign.knownTo'))}
                  data={selectOptions(teamOptions, [r.knownTo], unknown)}
                  value={r.knownTo || null}
                  onChange={(v) => set(i, { knownTo: v ?? '' })}
                  allowDeselect={false}
                  error={fieldError(error, `sharingRules.${i}.knownTo`)}
                />
                <MultiSelect
                  id={fieldId(`${path}.notify`)}
                  label={t('scenarioDesign.notify')}
                  aria-label={of(t('scenarioDesign.notify'))}
                  data={selectOptions(teamOptions, r.notify, unknown)}
                  value={r.notify}
                  onChange={(notify) => set(i, { notify })}
                  error={r.notify.length ? fieldError(error, `sharingRules.${i}.notify`) : t('scenarioDesign.notifyRequired')}
                />
              </Group>
              <Group grow align="flex-start">
                <NumberInput
                  id={fieldId(`${path}.withinMinutes`)}
                  label={t('scenarioDesign.withinMinutes')}
                  aria-label={of(t('scenarioDesign.withinMinutes'))}
                  min={1}
                  max={60 * 24 * 14}
                  value={r.withinMinutes}
                  onChange={(v) => set(i, { withinMinutes: typeof v === 'number' && v >= 1 ? Math.round(v) : 1 })}
                  error={fieldError(error, `sharingRules.${i}.withinMinutes`)}
                />
                <Select
                  id={fieldId(`${path}.channel`)}
                  label={t('scenarioDesign.channel')}
                  aria-label={of(t('scenarioDesign.channel'))}
                  allowDeselect={false}
                  data={SHARING_CHANNELS.map((c) => ({ value: c, label: labels.sharingChannel(c) }))}
                  value={r.channel}
                  onChange={(v) => {
                    if (v) set(i, { channel: v as Rule['channel'] });
                  }}
                />
              </Group>
              <Text size="sm" fs="italic" data-testid={`rule-sentence-${i}`}>
                {sentence(r)}
              </Text>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            onChange([
              ...rules,
              {
                id: freshId('rule', rules),
                description: { en: '', fr: '' },
                eventKind: '',
                knownTo: teams[0]?.id ?? '',
                notify: teams[1] ? [teams[1].id] : [],
                withinMinutes: 60,
                channel: 'phone',
              },
            ])
          }
        >
          {t('scenarioDesign.addRule')}
        </Button>
      </Group>
    </Stack>
  );
}
