/** Organisations: a table for everyone signed in; create and edit for administrators. */
import { Button, Group, Loader, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type OrgKind, type Organisation } from '../../../shared/contracts/accounts.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useCreateOrganisation, useUpdateOrganisation } from './mutations.ts';
import { useHasRole, useOrganisations } from './queries.ts';

function isOrgKind(v: string | null): v is OrgKind {
  return v !== null && (ORG_KINDS as readonly string[]).includes(v);
}

function OrganisationForm({ existing, onDone }: { existing: Organisation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const [name, setName] = useState(existing?.name ?? '');
  const [shortName, setShortName] = useState(existing?.shortName ?? '');
  const [kind, setKind] = useState<OrgKind>(existing?.kind ?? 'department');
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = { name: name.trim(), shortName: shortName.trim(), kind };
    if (existing) update.mutate({ id: existing.id, changes: input }, { onSuccess: onDone });
    else create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={t('orgs.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(error, 'name')}
          data-autofocus
        />
        <TextInput
          label={t('orgs.shortName')}
          description={t('orgs.shortNameHint')}
          required
          value={shortName}
          onChange={(e) => setShortName(e.currentTarget.value)}
          error={fieldError(error, 'shortName')}
        />
        <Select
          label={t('orgs.kind')}
          required
          allowDeselect={false}
          data={ORG_KINDS.map((k) => ({ value: k, label: labels.orgKind(k) }))}
          value={kind}
          onChange={(v) => {
            if (isOrgKind(v)) setKind(v);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {existing ? t('common.save') : t('orgs.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The organisations page. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const isAdmin = useHasRole('admin');
  const orgs = useOrganisations();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        description={t('orgs.intro')}
        actions={isAdmin ? <Button onClick={() => setEditing('new')}>{t('orgs.new')}</Button> : null}
      />
      <ErrorAlert error={orgs.error} />
      {orgs.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {orgs.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('orgs.caption', { count: orgs.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('orgs.name')}</Table.Th>
                <Table.Th scope="col">{t('orgs.shortName')}</Table.Th>
                <Table.Th scope="col">{t('orgs.kind')}</Table.Th>
                <Table.Th scope="col">{t('common.created')}</Table.Th>
                {isAdmin ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.data.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>{o.shortName}</Table.Td>
                  <Table.Td>{labels.orgKind(o.kind)}</Table.Td>
                  <Table.Td>{labels.dateTime(o.createdAt)}</Table.Td>
                  {isAdmin ? (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setEditing(o)}
                        aria-label={t('orgs.editNamed', { name: o.name })}
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('orgs.new') : t('orgs.edit')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        // Inside <main>, so the dialog's <header> is not taken for a second page banner.
        withinPortal={false}
      >
        {editing !== null ? <OrganisationForm existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}
