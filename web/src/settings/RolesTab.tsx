/** Roles and their permissions, shown as checkboxes grouped by area. */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconShieldCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionEntry, Role } from '../api/types.ts';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { useDeleteRole, usePermissionCatalogue, useRoles, useSaveRole } from './api.ts';

type Editing = { role: Role | null } | null;

/** Returns a permission's label. A name without a translation shows as written, so a new permission stays usable. */
export function permissionLabel(name: string, t: TFunction): string {
  return t(`permissionNames.${name}`, { defaultValue: name });
}

function groupLabel(group: string, t: TFunction): string {
  return t(`permissionGroups.${group}`, { defaultValue: group });
}

function groupsOf(catalogue: PermissionEntry[]): [string, PermissionEntry[]][] {
  const groups = new Map<string, PermissionEntry[]>();
  for (const entry of catalogue) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  return [...groups.entries()];
}

export function RolesTab() {
  const { t } = useTranslation();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const [editing, setEditing] = useState<Editing>(null);

  if (roles.isPending || catalogue.isPending) return <Skeleton height={160} radius="md" />;
  if (roles.isError || catalogue.isError) {
    return <QueryError error={roles.error ?? catalogue.error} onRetry={() => Promise.all([roles.refetch(), catalogue.refetch()])} />;
  }

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ role: null })}>
          {t('settings.roles.new')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {roles.data.map((role) => (
          <Paper key={role.id} withBorder radius="md" p="md">
            <Stack gap="xs" h="100%" justify="space-between">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{role.name}</Text>
                  {role.isAdmin && (
                    <Badge leftSection={<IconShieldCheck size={12} />} variant="light" radius="sm">
                      {t('settings.roles.admin')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {role.isAdmin
                    ? t('settings.roles.allPermissions')
                    : t('settings.roles.permissionCount', { count: role.permissions.length })}
                  {role.userCount !== undefined && ` · ${t('settings.roles.userCount', { count: role.userCount })}`}
                </Text>
              </Stack>
              <Group justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setEditing({ role })}>
                  {role.isAdmin ? t('settings.roles.view') : t('common.edit')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.role ? editing.role.name : t('settings.roles.new')}
        size="xl"
        centered
      >
        {editing && <RoleForm role={editing.role} catalogue={catalogue.data} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function RoleForm({ role, catalogue, onDone }: { role: Role | null; catalogue: PermissionEntry[]; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveRole();
  const remove = useDeleteRole();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useFormState({ name: role?.name ?? '', permissions: role?.permissions ?? [] });
  const readOnly = role?.isAdmin === true;
  const failure = save.error ?? remove.error;
  const unshownError = failure !== null && Object.keys(form.errors).length === 0;

  const toggleGroup = (entries: PermissionEntry[], checked: boolean) => {
    const names = entries.map((entry) => entry.name);
    const others = form.values.permissions.filter((name) => !names.includes(name));
    form.set('permissions', checked ? [...others, ...names] : others);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: role?.id, input: { name: form.values.name.trim(), permissions: form.values.permissions } },
      {
        onSuccess: () => {
          notifySaved(t('settings.saved'));
          onDone();
        },
        onError: (error) => form.takeErrors(error, ['name', 'permissions']),
      },
    );
  };

  const deleteRole = () =>
    role &&
    remove.mutate(role.id, {
      onSuccess: () => {
        notifySaved(t('settings.roles.deleted', { name: role.name }));
        onDone();
      },
      onError: () => setConfirmDelete(false),
    });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unshownError && <Alert color="red">{errorMessage(failure, t)}</Alert>}
        {readOnly && <Alert color="cyan" variant="light">{t('settings.roles.adminHint')}</Alert>}
        <TextInput
          label={t('settings.roles.name')}
          required
          data-autofocus
          value={form.values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={form.error('name')}
          readOnly={readOnly}
          maw={420}
        />
        {form.error('permissions') && (
          <Text size="sm" c="red">
            {form.error('permissions')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {groupsOf(catalogue).map(([group, entries]) => {
            const checkedCount = entries.filter((entry) => form.values.permissions.includes(entry.name)).length;
            return (
              <Paper key={group} withBorder radius="md" p="sm">
                <Group justify="space-between" mb={6} wrap="nowrap">
                  <Title order={4} fz="sm">
                    {groupLabel(group, t)}
                  </Title>
                  <Checkbox
                    size="xs"
                    label={t('settings.roles.all')}
                    checked={readOnly || checkedCount === entries.length}
                    indeterminate={!readOnly && checkedCount > 0 && checkedCount < entries.length}
                    disabled={readOnly}
                    onChange={(e) => toggleGroup(entries, e.currentTarget.checked)}
                  />
                </Group>
                <Checkbox.Group
                  value={readOnly ? entries.map((entry) => entry.name) : form.values.permissions}
                  onChange={(value) => form.set('permissions', value)}
                  aria-label={groupLabel(group, t)}
                >
                  <Stack gap={6}>
                    {entries.map((entry) => (
                      <Checkbox key={entry.name} value={entry.name} label={permissionLabel(entry.name, t)} disabled={readOnly} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Paper>
            );
          })}
        </SimpleGrid>
        <Group justify="space-between">
          <div>
            {role && !role.isAdmin && (
              confirmDelete ? (
                <Group gap="xs">
                  <Text size="sm">{t('settings.roles.deleteConfirm')}</Text>
                  <Button size="xs" color="red" loading={remove.isPending} onClick={deleteRole}>
                    {t('common.delete')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              ) : (
                <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                  {t('settings.roles.delete')}
                </Button>
              )
            )}
          </div>
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              {readOnly ? t('common.close') : t('common.cancel')}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={save.isPending}>
                {role ? t('common.save') : t('settings.roles.create')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
