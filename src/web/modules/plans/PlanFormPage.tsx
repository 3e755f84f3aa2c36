/** Create or edit a plan: bilingual title and Markdown body, sharing rules, marking, recipients. */
import {
  Button,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PLAN_KINDS, SHARING_CHANNELS, type Plan, type PlanInput, type SharingRule } from '../../../shared/contracts/plans.ts';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { MarkingPicker } from '../../ui/Marking.tsx';
import { NotPermitted } from '../../ui/NotPermitted.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useOrganisations } from '../accounts/queries.ts';
import { useCreatePlan, useRevisePlan } from './mutations.ts';
import { useCanWritePlans } from './PlansPage.tsx';
import { usePlan, type PlanKind } from './queries.ts';

function emptyInput(): PlanInput {
  return {
    kind: 'response_plan',
    title: { en: '', fr: '' },
    body: { en: '', fr: '' },
    rules: [],
    marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
    recipients: { orgIds: [], userIds: [] },
    changeNote: '',
  };
}

function toInput(p: Plan): PlanInput {
  return { kind: p.kind, title: p.title, body: p.body, rules: p.rules, marking: p.marking, recipients: p.recipients, changeNote: '' };
}

function RulesEditor({ rules, onChange, error }: { rules: SharingRule[]; onChange: (r: SharingRule[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const set = (i: number, patch: Partial<SharingRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('plans.rules')}
      </Title>
      <p style={{ margin: 0 }}>{t('plans.rulesIntro')}</p>
      {rules.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.ruleId')}</Table.Th>
                <Table.Th scope="col">{t('plans.eventKind')}</Table.Th>
                <Table.Th scope="col">{t('plans.knownTo')}</Table.Th>
                <Table.Th scope="col">
                  {t('plans.notify')}{' '}
                  <Text span size="xs" c="dimmed" fw={400}>
                    ({t('plans.notifyHint')})
                  </Text>
                </Table.Th>
                <Table.Th scope="col">{t('plans.withinMinutes')}</Table.Th>
                <Table.Th scope="col">{t('plans.channel')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('plans.ruleIdN', { n: i + 1 })}
                      value={r.id}
                      onChange={(e) => set(i, { id: e.currentTarget.value })}
                      error={fieldError(error, `rules.${i}.id`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('plans.eventKindN', { n: i + 1 })}
                      value={r.eventKind}
                      onChange={(e) => set(i, { eventKind: e.currentTarget.value })}
                      error={fieldError(error, `rules.${i}.eventKind`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('plans.knownToN', { n: i + 1 })}
                      value={r.knownTo}
                      onChange={(e) => set(i, { knownTo: e.currentTarget.value })}
                      error={fieldError(error, `rules.${i}.knownTo`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('plans.notifyN', { n: i + 1 })}
                      value={r.notify.join(', ')}
                      onChange={(e) => set(i, { notify: e.currentTarget.value.split(',').map((s) => s.trimStart()) })}
                      error={fieldError(error, `rules.${i}.notify`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('plans.withinMinutesN', { n: i + 1 })}
                      min={1}
                      value={r.withinMinutes}
                      onChange={(v) => set(i, { withinMinutes: typeof v === 'number' ? v : 1 })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('plans.channelN', { n: i + 1 })}
                      allowDeselect={false}
                      data={SHARING_CHANNELS.map((c) => ({ value: c, label: labels.sharingChannel(c) }))}
                      value={r.channel}
                      onChange={(v) => {
                        if (v) set(i, { channel: v as SharingRule['channel'] });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button variant="default" size="compact-sm" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                      {t('common.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            onChange([
              ...rules,
              { id: `rule-${rules.length + 1}`, eventKind: '', knownTo: '', notify: [], withinMinutes: 60, channel: 'phone' },
            ])
          }
        >
          {t('plans.addRule')}
        </Button>
      </Group>
    </Stack>
  );
}

function PlanForm({ existing }: { existing: Plan | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const orgs = useOrganisations();
  const create = useCreatePlan();
  const revise = useRevisePlan();
  const [input, setInput] = useState<PlanInput>(existing ? toInput(existing) : emptyInput());
  const error = create.error ?? revise.error;
  const pending = create.isPending || revise.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const clean: PlanInput = { ...input, rules: input.rules.map((r) => ({ ...r, notify: r.notify.map((n) => n.trim()).filter(Boolean) })) };
    const done = (p: Plan) => void navigate(`/plans/${p.id}`);
    if (existing) revise.mutate({ id: existing.id, baseVersion: existing.version, input: clean }, { onSuccess: done });
    else create.mutate(clean, { onSuccess: done });
  };
  const lang = (l: 'en' | 'fr') => (
    <Stack gap="sm" pt="sm">
      <TextInput
        label={t(`plans.title_${l}`)}
        required
        lang={l}
        value={input.title[l]}
        onChange={(e) => setInput({ ...input, title: { ...input.title, [l]: e.currentTarget.value } })}
        error={fieldError(error, `title.${l}`)}
      />
      <Textarea
        label={t(`plans.body_${l}`)}
        description={t('plans.bodyHint')}
        lang={l}
        autosize
        minRows={10}
        value={input.body[l]}
        onChange={(e) => setInput({ ...input, body: { ...input.body, [l]: e.currentTarget.value } })}
        error={fieldError(error, `body.${l}`)}
      />
    </Stack>
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {error instanceof ApiError && error.code === 'conflict' ? (
          <ErrorAlert error={error} title={t('common.conflictTitle')}>
            {t('common.conflictBody')}
          </ErrorAlert>
        ) : (
          <ErrorAlert error={error} />
        )}
        <Select
          label={t('plans.kind')}
          required
          allowDeselect={false}
          maw={400}
          data={PLAN_KINDS.map((k) => ({ value: k, label: labels.planKind(k) }))}
          value={input.kind}
          onChange={(v) => {
            if (v) setInput({ ...input, kind: v as PlanKind });
          }}
        />
        <Tabs defaultValue="en">
          <Tabs.List>
            <Tabs.Tab value="en">{t('common.english')}</Tabs.Tab>
            <Tabs.Tab value="fr">{t('common.french')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="en">{lang('en')}</Tabs.Panel>
          <Tabs.Panel value="fr">{lang('fr')}</Tabs.Panel>
        </Tabs>
        <RulesEditor rules={input.rules} onChange={(rules) => setInput({ ...input, rules })} error={error} />
        <Title order={2} size="h4">
          {t('marking.label')}
        </Title>
        <MarkingPicker
          idPrefix="plan"
          value={input.marking}
          onChange={(marking) => setInput({ ...input, marking })}
          error={fieldError(error, 'marking')}
        />
        <MultiSelect
          label={t('plans.recipientOrgs')}
          description={t('plans.recipientOrgsHint')}
          searchable
          data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={input.recipients.orgIds}
          onChange={(orgIds) => setInput({ ...input, recipients: { ...input.recipients, orgIds } })}
        />
        <TextInput
          label={t('plans.changeNote')}
          value={input.changeNote}
          onChange={(e) => setInput({ ...input, changeNote: e.currentTarget.value })}
          error={fieldError(error, 'changeNote')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(existing ? `/plans/${existing.id}` : '/plans')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {existing ? t('plans.saveVersion') : t('plans.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /plans/new */
export function NewPlanPage() {
  const { t } = useTranslation();
  if (!useCanWritePlans()) return <NotPermitted />;
  return (
    <>
      <PageHeader title={t('plans.new')} />
      <PlanForm existing={null} />
    </>
  );
}

/** /plans/:id/edit */
export function EditPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const canWrite = useCanWritePlans();
  if (!canWrite) return <NotPermitted />;
  return (
    <>
      <PageHeader title={t('plans.edit')} />
      <ErrorAlert error={plan.error} />
      {plan.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {plan.data ? <PlanForm key={plan.data.version} existing={plan.data} /> : null}
    </>
  );
}
