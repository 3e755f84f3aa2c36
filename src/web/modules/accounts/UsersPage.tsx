/** Users (administrators only): filter, create, edit roles, screening, caveats, disable, reset second factor. */
import { Button, Group, Loader, Modal, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../../shared/contracts/accounts.ts';
import { isForbidden } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { NotPermitted } from '../../ui/NotPermitted.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useOrganisations, useUsers } from './queries.ts';
import { UserForm } from './UserForm.tsx';

function isRole(v: string | null): v is Role {
  return v !== null && (ROLES as readonly string[]).includes(v);
}

/** The users page; the server decides who may see it (403 shows "not permitted"). */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const users = useUsers({ q: debouncedQ || undefined, organisationId: organisationId ?? undefined, role: role ?? undefined });
  const orgs = useOrganisations();
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  if (isForbidden(users.error)) return <NotPermitted />;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.intro')}
        actions={<Button onClick={() => setEditing('new')}>{t('users.new')}</Button>}
      />
      <form role="search" aria-label={t('users.filters')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" mb="md">
          <TextInput
            label={t('users.search')}
            description={t('users.searchHint')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            type="search"
          />
          <Select
            label={t('users.organisation')}
            placeholder={t('common.all')}
            clearable
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
            value={organisationId}
            onChange={setOrganisationId}
          />
          <Select
            label={t('users.role')}
            placeholder={t('common.all')}
            clearable
            data={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            value={role}
            onChange={(v) => setRole(isRole(v) ? v : null)}
          />
        </Group>
      </form>
      <ErrorAlert error={users.error} />
      {users.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {users.data ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('users.caption', { count: users.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.email')}</Table.Th>
                <Table.Th scope="col">{t('users.organisation')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.screening')}</Table.Th>
                <Table.Th scope="col">{t('users.caveats')}</Table.Th>
                <Table.Th scope="col">{t('users.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.organisationName}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Tag key={r} color="blue">
                          {labels.role(r)}
                        </Tag>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{labels.screening(u.screening)}</Table.Td>
                  <Table.Td>
                    {u.caveats.length ? (
                      u.caveats.join(', ')
                    ) : (
                      <Text span size="sm" c="dimmed">
                        {t('common.none')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.disabled ? <Tag color="red">{t('users.disabledBadge')}</Tag> : <Tag color="green">{t('users.activeBadge')}</Tag>}
                      {u.totpEnabled ? <Tag color="gray">{t('users.totpBadge')}</Tag> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setEditing(u)}
                      aria-label={t('users.editNamed', { name: u.displayName })}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('users.new') : t('users.edit')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        // Inside <main>, so the dialog's <header> is not taken for a second page banner.
        withinPortal={false}
      >
        {editing !== null ? <UserForm existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}
