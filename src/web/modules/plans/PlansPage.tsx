/** Plans and procedures: a list filtered by kind, each with its marking banner. */
import { Anchor, Button, Loader, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PLAN_KINDS } from '../../../shared/contracts/plans.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { usePlans, type PlanKind } from './queries.ts';

/** True when the user may write plans. */
export function useCanWritePlans(): boolean {
  const me = useMe();
  return me.roles.includes('planner') || me.roles.includes('admin');
}

/** The plans page. */
export function PlansPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const canWrite = useCanWritePlans();
  const [kind, setKind] = useState<PlanKind | null>(null);
  const plans = usePlans(kind);
  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.intro')}
        actions={
          canWrite ? (
            <Button component={Link} to="/plans/new">
              {t('plans.new')}
            </Button>
          ) : null
        }
      />
      <Select
        label={t('plans.kindFilter')}
        maw={320}
        mb="md"
        clearable
        placeholder={t('plans.allKinds')}
        data={PLAN_KINDS.map((k) => ({ value: k, label: labels.planKind(k) }))}
        value={kind}
        onChange={(v) => setKind(v as PlanKind | null)}
      />
      <ErrorAlert error={plans.error} />
      {plans.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {plans.data && plans.data.length === 0 ? <Text c="dimmed">{t('plans.none')}</Text> : null}
      {plans.data && plans.data.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('plans.caption', { count: plans.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.planTitle')}</Table.Th>
                <Table.Th scope="col">{t('plans.kind')}</Table.Th>
                <Table.Th scope="col">{t('marking.label')}</Table.Th>
                <Table.Th scope="col">{t('plans.version')}</Table.Th>
                <Table.Th scope="col">{t('common.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/plans/${p.id}`}>
                      {labels.pick(p.title)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{labels.planKind(p.kind)}</Table.Td>
                  <Table.Td>
                    <MarkingBanner marking={p.marking} />
                  </Table.Td>
                  <Table.Td>{p.currentVersion}</Table.Td>
                  <Table.Td>{labels.dateTime(p.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}
