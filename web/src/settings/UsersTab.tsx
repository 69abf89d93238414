/** The business's users: list, invite with a first password, edit role, locations, language, status. */
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../shared/PasswordField.tsx';
import type { Locale, Location, Role, User, UserInput } from '../api/types.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, emailError, passwordError, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { useLocations, useRoles, useSaveUser, useUsers } from './api.ts';

type Editing = { user: User | null } | null;

export function UsersTab() {
  const { t } = useTranslation();
  const users = useUsers();
  const roles = useRoles();
  const locations = useLocations();
  const [editing, setEditing] = useState<Editing>(null);

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ user: null })}>
      {t('settings.users.new')}
    </Button>
  );

  if (users.isPending || roles.isPending || locations.isPending) return <Skeleton height={160} radius="md" />;
  const failed = users.error ?? roles.error ?? locations.error;
  if (failed || !users.data || !roles.data || !locations.data) {
    return <QueryError error={failed} onRetry={() => Promise.all([users.refetch(), roles.refetch(), locations.refetch()])} />;
  }

  return (
    <Stack gap="md">
      <Group justify="flex-end">{addButton}</Group>
      {users.data.length === 0 ? (
        <EmptyPanel icon={<IconUsers size={28} />} title={t('settings.users.empty')} action={addButton} />
      ) : (
        <UserList users={users.data} roles={roles.data} locations={locations.data} onEdit={(user) => setEditing({ user })} />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.user ? t('settings.users.editTitle', { name: editing.user.name }) : t('settings.users.new')}
        size="lg"
        centered
      >
        {editing && (
          <UserForm user={editing.user} roles={roles.data} locations={locations.data} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}

function UserList({
  users,
  roles,
  locations,
  onEdit,
}: {
  users: User[];
  roles: Role[];
  locations: Location[];
  onEdit: (user: User) => void;
}) {
  const { t } = useTranslation();
  const roleName = (user: User) => user.roleName ?? roles.find((role) => role.id === user.roleId)?.name ?? '';
  const locationNames = (user: User) =>
    user.locationIds.length === 0
      ? t('settings.users.allLocations')
      : user.locationIds.map((id) => locations.find((location) => location.id === id)?.name ?? '').filter(Boolean).join(', ');
  const status = (user: User) => (
    <Badge variant="light" color={user.isActive ? 'teal' : 'gray'} radius="sm">
      {t(user.isActive ? 'common.active' : 'common.inactive')}
    </Badge>
  );

  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover>
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                <Table.Th>{t('settings.users.name')}</Table.Th>
                <Table.Th>{t('settings.users.email')}</Table.Th>
                <Table.Th>{t('settings.users.role')}</Table.Th>
                <Table.Th>{t('settings.users.locations')}</Table.Th>
                <Table.Th>{t('settings.users.language')}</Table.Th>
                <Table.Th w={100}>{t('contact.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => (
                <Table.Tr key={user.id} className="clickable-row" onClick={() => onEdit(user)}>
                  <Table.Td fw={500}>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{roleName(user)}</Table.Td>
                  <Table.Td>{locationNames(user)}</Table.Td>
                  <Table.Td>{user.locale ? t(`language.${user.locale}`) : t('settings.users.businessLanguage')}</Table.Td>
                  <Table.Td>{status(user)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Box hiddenFrom="sm">
        <Stack gap="xs">
          {users.map((user) => (
            <Card key={user.id} withBorder radius="md" padding="sm" className="clickable-row" onClick={() => onEdit(user)}>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text fw={600} size="sm" truncate>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {[roleName(user), user.email].join(' · ')}
                  </Text>
                </Stack>
                {status(user)}
              </Group>
            </Card>
          ))}
        </Stack>
      </Box>
    </>
  );
}

interface UserValues {
  name: string;
  email: string;
  password: string;
  roleId: string | null;
  locale: Locale;
  locationIds: string[];
  defaultLocationId: string | null;
  isActive: boolean;
}

const paths = ['name', 'email', 'password', 'roleId', 'locale', 'locationIds', 'defaultLocationId', 'isActive'];

function UserForm({
  user,
  roles,
  locations,
  onDone,
}: {
  user: User | null;
  roles: Role[];
  locations: Location[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveUser();
  const form = useFormState<UserValues>({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    roleId: user?.roleId ?? roles.find((role) => !role.isAdmin)?.id ?? null,
    locale: user?.locale ?? 'fr',
    locationIds: user?.locationIds ?? [],
    defaultLocationId: user?.defaultLocationId ?? null,
    isActive: user?.isActive ?? true,
  });
  const activeLocations = locations.filter((location) => location.isActive || form.values.locationIds.includes(location.id));
  const defaultChoices = (form.values.locationIds.length > 0
    ? activeLocations.filter((location) => form.values.locationIds.includes(location.id))
    : activeLocations
  ).map((location) => ({ value: location.id, label: location.name }));
  const unshownError = save.isError && Object.keys(form.errors).length === 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const problems = collectErrors({
      name: requiredError(v.name, t),
      email: requiredError(v.email, t) ?? emailError(v.email, t),
      // Editing a user, an empty password keeps the current one.
      password: user && !v.password ? undefined : (requiredError(v.password, t) ?? passwordError(v.password, t)),
      roleId: requiredError(v.roleId, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input: Partial<UserInput> = {
      name: v.name.trim(),
      email: v.email.trim(),
      roleId: v.roleId ?? '',
      locale: v.locale,
      locationIds: v.locationIds,
      defaultLocationId: v.defaultLocationId,
    };
    if (!user || v.password) input.password = v.password;
    if (user) input.isActive = v.isActive;
    save.mutate(
      { id: user?.id, input },
      {
        onSuccess: () => {
          notifySaved(t('settings.saved'));
          onDone();
        },
        onError: (error) => form.takeErrors(error, paths),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unshownError && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('settings.users.name')}
            required
            data-autofocus
            value={form.values.name}
            onChange={(e) => form.set('name', e.currentTarget.value)}
            error={form.error('name')}
          />
          <TextInput
            label={t('settings.users.email')}
            type="email"
            required
            value={form.values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
            error={form.error('email')}
          />
        </SimpleGrid>
        <PasswordField
          label={user ? t('settings.users.newPassword') : t('settings.users.password')}
          description={user ? t('settings.users.newPasswordHint') : t('account.passwordRule')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          required={!user}
          autoComplete="new-password"
          value={form.values.password}
          onChange={(e) => form.set('password', e.currentTarget.value)}
          error={form.error('password')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('settings.users.role')}
            required
            data={roles.map((role) => ({ value: role.id, label: role.name }))}
            value={form.values.roleId}
            allowDeselect={false}
            onChange={(value) => form.set('roleId', value)}
            error={form.error('roleId')}
          />
          <Select
            label={t('settings.users.language')}
            data={[
              { value: 'fr', label: t('language.fr') },
              { value: 'en', label: t('language.en') },
            ]}
            value={form.values.locale}
            allowDeselect={false}
            onChange={(value) => form.set('locale', (value ?? 'fr') as Locale)}
            error={form.error('locale')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('settings.users.locations')}
          description={t('settings.users.locationsHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          placeholder={form.values.locationIds.length === 0 ? t('settings.users.allLocations') : undefined}
          data={activeLocations.map((location) => ({ value: location.id, label: location.name }))}
          value={form.values.locationIds}
          onChange={(value) => {
            form.set('locationIds', value);
            if (form.values.defaultLocationId && value.length > 0 && !value.includes(form.values.defaultLocationId)) {
              form.set('defaultLocationId', value[0] ?? null);
            }
          }}
          error={form.error('locationIds')}
        />
        <Select
          label={t('settings.users.defaultLocation')}
          data={defaultChoices}
          placeholder={t('settings.users.firstAllowedLocation')}
          value={form.values.defaultLocationId}
          clearable
          onChange={(value) => form.set('defaultLocationId', value)}
          error={form.error('defaultLocationId')}
        />
        {user && (
          <Switch
            label={t('settings.users.isActive')}
            description={t('settings.users.isActiveHint')}
            checked={form.values.isActive}
            onChange={(e) => form.set('isActive', e.currentTarget.checked)}
            error={form.error('isActive')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? t('common.save') : t('settings.users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
