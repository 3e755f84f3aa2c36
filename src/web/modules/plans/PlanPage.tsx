/** One plan: its Markdown body (rendered safely), its sharing rules, and its version history with a compare view. */
import {
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { diffLines } from 'diff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Plan } from '../../../shared/contracts/plans.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Markdown } from '../../ui/Markdown.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useOrganisations } from '../accounts/queries.ts';
import { useCanWritePlans } from './PlansPage.tsx';
import { usePlan, usePlanVersion, usePlanVersions } from './queries.ts';

function Rules({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (plan.rules.length === 0) return <Text c="dimmed">{t('plans.noRules')}</Text>;
  return (
    <List spacing={4}>
      {plan.rules.map((r) => (
        <List.Item key={r.id}>
          {t('plans.ruleSentence', {
            eventKind: r.eventKind,
            knownTo: r.knownTo,
            notify: r.notify.join(', '),
            minutes: r.withinMinutes,
            channel: labels.sharingChannel(r.channel),
          })}
        </List.Item>
      ))}
    </List>
  );
}

type Line = { text: string; kind: 'same' | 'added' | 'removed' };

/** Two columns of lines: the older body with removals marked, the newer with additions marked. */
function sideBySide(older: string, newer: string): { left: Line[]; right: Line[] } {
  const left: Line[] = [];
  const right: Line[] = [];
  for (const part of diffLines(older, newer)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (part.added) right.push({ text, kind: 'added' });
      else if (part.removed) left.push({ text, kind: 'removed' });
      else {
        left.push({ text, kind: 'same' });
        right.push({ text, kind: 'same' });
      }
    }
  }
  return { left, right };
}

function DiffColumn({ lines, label }: { lines: Line[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="xs">
      <Text fw={600} mb={4}>
        {label}
      </Text>
      <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 13 }}>
        {lines.map((l, i) => (
          <div
            key={i}
            style={{
              background:
                l.kind === 'added' ? 'var(--mantine-color-green-1)' : l.kind === 'removed' ? 'var(--mantine-color-red-1)' : undefined,
            }}
          >
            {l.kind === 'added' ? <VisuallyHidden>{t('plans.added')} </VisuallyHidden> : null}
            {l.kind === 'removed' ? <VisuallyHidden>{t('plans.removed')} </VisuallyHidden> : null}
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
          </div>
        ))}
      </pre>
    </Card>
  );
}

function Compare({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const versions = usePlanVersions(plan.id);
  const [a, setA] = useState<number | null>(plan.version > 1 ? plan.version - 1 : null);
  const [b, setB] = useState<number | null>(plan.version);
  const [lang, setLang] = useState<'en' | 'fr'>('en');
  const older = usePlanVersion(plan.id, a);
  const newer = usePlanVersion(plan.id, b);
  const options = (versions.data ?? []).map((v) => ({ value: String(v.version), label: t('plans.versionN', { n: v.version }) }));
  const diff = older.data && newer.data ? sideBySide(older.data.body[lang], newer.data.body[lang]) : null;
  return (
    <Stack>
      <ErrorAlert error={versions.error ?? older.error ?? newer.error} />
      {versions.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Caption>{t('plans.historyCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.version')}</Table.Th>
                <Table.Th scope="col">{t('plans.planTitle')}</Table.Th>
                <Table.Th scope="col">{t('plans.changeNote')}</Table.Th>
                <Table.Th scope="col">{t('common.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{labels.pick(v.title)}</Table.Td>
                  <Table.Td>{v.changeNote || '—'}</Table.Td>
                  <Table.Td>{labels.dateTime(v.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group align="flex-end">
        <Select
          label={t('plans.compareFrom')}
          data={options}
          value={a === null ? null : String(a)}
          onChange={(v) => setA(v ? Number(v) : null)}
        />
        <Select
          label={t('plans.compareTo')}
          data={options}
          value={b === null ? null : String(b)}
          onChange={(v) => setB(v ? Number(v) : null)}
        />
        <Select
          label={t('plans.compareLanguage')}
          allowDeselect={false}
          data={[
            { value: 'en', label: t('common.english') },
            { value: 'fr', label: t('common.french') },
          ]}
          value={lang}
          onChange={(v) => setLang(v === 'fr' ? 'fr' : 'en')}
        />
      </Group>
      {diff && a !== null && b !== null ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <DiffColumn lines={diff.left} label={t('plans.versionN', { n: a })} />
          <DiffColumn lines={diff.right} label={t('plans.versionN', { n: b })} />
        </SimpleGrid>
      ) : (
        <Text c="dimmed">{t('plans.comparePick')}</Text>
      )}
    </Stack>
  );
}

/** /plans/:id */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const orgs = useOrganisations();
  const canWrite = useCanWritePlans();
  const [bodyLang, setBodyLang] = useState<'en' | 'fr'>(i18n.resolvedLanguage === 'fr' ? 'fr' : 'en');
  if (!plan.data) {
    return (
      <>
        <PageHeader title={t('plans.plan')} />
        <ErrorAlert error={plan.error} />
        {plan.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      </>
    );
  }
  const p = plan.data;
  const orgName = (oid: string) => orgs.data?.find((o) => o.id === oid)?.name ?? oid;
  return (
    <>
      <PageHeader
        title={labels.pick(p.title)}
        description={`${labels.planKind(p.kind)} · ${t('plans.versionN', { n: p.version })} · ${labels.dateTime(p.updatedAt)}`}
        actions={
          canWrite ? (
            <Button component={Link} to={`/plans/${p.id}/edit`}>
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Stack>
        <Group>
          <MarkingBanner marking={p.marking} />
          <Anchor component={Link} to="/plans">
            {t('plans.backToList')}
          </Anchor>
        </Group>
        <Tabs defaultValue="plan">
          <Tabs.List>
            <Tabs.Tab value="plan">{t('plans.plan')}</Tabs.Tab>
            <Tabs.Tab value="history">{t('plans.history')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="plan" pt="md">
            <Stack>
              <Group>
                <Button.Group>
                  <Button
                    variant={bodyLang === 'en' ? 'filled' : 'default'}
                    aria-pressed={bodyLang === 'en'}
                    onClick={() => setBodyLang('en')}
                  >
                    {t('common.english')}
                  </Button>
                  <Button
                    variant={bodyLang === 'fr' ? 'filled' : 'default'}
                    aria-pressed={bodyLang === 'fr'}
                    onClick={() => setBodyLang('fr')}
                  >
                    {t('common.french')}
                  </Button>
                </Button.Group>
              </Group>
              <Card withBorder>
                <Markdown source={p.body[bodyLang]} lang={bodyLang} />
              </Card>
              <Title order={2} size="h4">
                {t('plans.rules')}
              </Title>
              <Rules plan={p} />
              <Title order={2} size="h4">
                {t('plans.recipientOrgs')}
              </Title>
              <Text>{p.recipients.orgIds.length ? p.recipients.orgIds.map(orgName).join(', ') : t('plans.noRecipients')}</Text>
              {p.changeNote ? (
                <Text size="sm" c="dimmed">
                  {t('plans.changeNote')}: {p.changeNote}
                </Text>
              ) : null}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="md">
            <Compare plan={p} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
