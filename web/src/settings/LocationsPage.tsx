/** The business's locations (shops, stores): list, add, edit and deactivate. */
import { Alert, Badge, Box, Button, Card, Group, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location, LocationInput } from '../api/types.ts';
import { useSession } from '../auth/session-context.tsx';
import { currentLocale } from '../i18n/index.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { nullIfBlank, useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { countryName, countryOptions } from '../shared/places.ts';
import { useLocations, useSaveLocation } from './api.ts';
import { SettingsGuard } from './SettingsGuard.tsx';

type Editing = { location: Location | null } | null;

export function LocationsPage() {
  const { t } = useTranslation();
  const locations = useLocations();
  const [editing, setEditing] = useState<Editing>(null);

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ location: null })}>
      {t('settings.locations.new')}
    </Button>
  );

  return (
    <SettingsGuard permission="settings.manage">
      <PageHeader title={t('settings.locations.title')} description={t('settings.locations.description')} actions={addButton} />
      {locations.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : locations.isError ? (
        <QueryError error={locations.error} onRetry={() => locations.refetch()} />
      ) : locations.data.length === 0 ? (
        <EmptyPanel icon={<IconMapPin size={28} />} title={t('settings.locations.empty')} action={addButton} />
      ) : (
        <LocationList locations={locations.data} onEdit={(location) => setEditing({ location })} />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.location ? t('settings.locations.editTitle', { name: editing.location.name }) : t('settings.locations.new')}
        size="lg"
        centered
      >
        {editing && <LocationForm location={editing.location} onDone={() => setEditing(null)} />}
      </Modal>
    </SettingsGuard>
  );
}

function LocationList({ locations, onEdit }: { locations: Location[]; onEdit: (location: Location) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const status = (location: Location) => (
    <Badge variant="light" color={location.isActive ? 'teal' : 'gray'} radius="sm">
      {t(location.isActive ? 'common.active' : 'common.inactive')}
    </Badge>
  );
  const address = (location: Location) =>
    [location.addressLine1, [location.zipCode, location.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover>
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                <Table.Th>{t('settings.locations.name')}</Table.Th>
                <Table.Th>{t('settings.locations.address')}</Table.Th>
                <Table.Th>{t('settings.locations.country')}</Table.Th>
                <Table.Th>{t('settings.locations.phone')}</Table.Th>
                <Table.Th>{t('settings.locations.email')}</Table.Th>
                <Table.Th w={100}>{t('contact.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {locations.map((location) => (
                <Table.Tr key={location.id} className="clickable-row" onClick={() => onEdit(location)}>
                  <Table.Td fw={500}>{location.name}</Table.Td>
                  <Table.Td>{address(location)}</Table.Td>
                  <Table.Td>{countryName(location.country, locale)}</Table.Td>
                  <Table.Td>{location.phone}</Table.Td>
                  <Table.Td>{location.email}</Table.Td>
                  <Table.Td>{status(location)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Box hiddenFrom="sm">
        <Stack gap="xs">
          {locations.map((location) => (
            <Card key={location.id} withBorder radius="md" padding="sm" onClick={() => onEdit(location)} className="clickable-row">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text fw={600} size="sm">
                    {location.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {address(location) || countryName(location.country, locale)}
                  </Text>
                </Stack>
                {status(location)}
              </Group>
            </Card>
          ))}
        </Stack>
      </Box>
    </>
  );
}

interface LocationValues {
  name: string;
  addressLine1: string;
  zipCode: string;
  city: string;
  country: string | null;
  phone: string;
  email: string;
  isActive: boolean;
}

const paths = ['name', 'addressLine1', 'zipCode', 'city', 'country', 'phone', 'email', 'isActive'];

function LocationForm({ location, onDone }: { location: Location | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const locale = currentLocale();
  const countries = useMemo(() => countryOptions(locale), [locale, i18n.language]);
  const save = useSaveLocation();
  const form = useFormState<LocationValues>({
    name: location?.name ?? '',
    addressLine1: location?.addressLine1 ?? '',
    zipCode: location?.zipCode ?? '',
    city: location?.city ?? '',
    country: location?.country ?? session.business.country,
    phone: location?.phone ?? '',
    email: location?.email ?? '',
    isActive: location?.isActive ?? true,
  });
  const text = (key: Exclude<keyof LocationValues, 'country' | 'isActive'>) => ({
    value: form.values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
    error: form.error(key),
  });
  const unshownError = save.isError && Object.keys(form.errors).length === 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const input: LocationInput = {
      name: v.name.trim(),
      addressLine1: nullIfBlank(v.addressLine1),
      zipCode: nullIfBlank(v.zipCode),
      city: nullIfBlank(v.city),
      country: v.country,
      phone: nullIfBlank(v.phone),
      email: nullIfBlank(v.email),
      isActive: v.isActive,
    };
    save.mutate(
      { id: location?.id, input },
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
        <TextInput label={t('settings.locations.name')} required data-autofocus {...text('name')} />
        <TextInput label={t('settings.locations.addressLine1')} {...text('addressLine1')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput label={t('contact.fields.zipCode')} {...text('zipCode')} />
          <TextInput label={t('contact.fields.city')} {...text('city')} />
          <Select
            label={t('settings.locations.country')}
            searchable
            data={countries}
            value={form.values.country}
            onChange={(value) => form.set('country', value)}
            error={form.error('country')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('settings.locations.phone')} type="tel" {...text('phone')} />
          <TextInput label={t('settings.locations.email')} type="email" {...text('email')} />
        </SimpleGrid>
        <Switch
          label={t('settings.locations.isActive')}
          description={t('settings.locations.isActiveHint')}
          checked={form.values.isActive}
          onChange={(e) => form.set('isActive', e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {location ? t('common.save') : t('settings.locations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
