/**
 * Selling price groups: named price lists (wholesale, staff…) whose prices
 * are set on each product and that a customer group can follow.
 */
import { Alert, Badge, Box, Button, Card, Group, Modal, Paper, Skeleton, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTags } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { SettingsGuard } from '../settings/SettingsGuard.tsx';
import { errorMessage } from '../shared/errors.ts';
import { nullIfBlank, useFormState } from '../shared/form.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { type PriceGroup, useDeletePriceGroup, usePriceGroups, useSavePriceGroup } from './api.ts';

type Editing = { group: PriceGroup | null } | null;

export function PriceGroupsPage() {
  const { t } = useTranslation();
  const groups = usePriceGroups();
  const [editing, setEditing] = useState<Editing>(null);

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ group: null })}>
      {t('pricing.priceGroups.new')}
    </Button>
  );

  return (
    <SettingsGuard permission="pricing.manage">
      <PageHeader title={t('pricing.priceGroups.title')} description={t('pricing.priceGroups.description')} actions={addButton} />
      {groups.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : groups.isError ? (
        <QueryError error={groups.error} onRetry={() => groups.refetch()} />
      ) : groups.data.length === 0 ? (
        <EmptyPanel
          icon={<IconTags size={28} />}
          title={t('pricing.priceGroups.empty')}
          description={t('pricing.priceGroups.emptyHint')}
          action={addButton}
        />
      ) : (
        <PriceGroupList groups={groups.data} onEdit={(group) => setEditing({ group })} />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.group ? t('pricing.priceGroups.editTitle', { name: editing.group.name }) : t('pricing.priceGroups.new')}
        centered
      >
        {editing && <PriceGroupForm group={editing.group} onDone={() => setEditing(null)} />}
      </Modal>
    </SettingsGuard>
  );
}

function PriceGroupList({ groups, onEdit }: { groups: PriceGroup[]; onEdit: (group: PriceGroup) => void }) {
  const { t } = useTranslation();
  const status = (group: PriceGroup) => (
    <Badge variant="light" color={group.isActive ? 'teal' : 'gray'} radius="sm">
      {t(group.isActive ? 'common.active' : 'common.inactive')}
    </Badge>
  );
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table highlightOnHover>
          <Table.Thead bg="var(--mantine-color-gray-0)">
            <Table.Tr>
              <Table.Th>{t('pricing.priceGroups.name')}</Table.Th>
              <Table.Th>{t('pricing.priceGroups.descriptionLabel')}</Table.Th>
              <Table.Th w={100}>{t('pricing.products.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((group) => (
              <Table.Tr key={group.id} className="clickable-row" onClick={() => onEdit(group)}>
                <Table.Td fw={500}>{group.name}</Table.Td>
                <Table.Td c={group.description ? undefined : 'dimmed'}>{group.description ?? '—'}</Table.Td>
                <Table.Td>{status(group)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Box hiddenFrom="sm">
        <Stack gap="xs">
          {groups.map((group) => (
            <Card key={group.id} withBorder radius="md" padding="sm" className="clickable-row" onClick={() => onEdit(group)}>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text fw={600} size="sm">
                    {group.name}
                  </Text>
                  {group.description && (
                    <Text size="xs" c="dimmed" truncate>
                      {group.description}
                    </Text>
                  )}
                </Stack>
                {status(group)}
              </Group>
            </Card>
          ))}
        </Stack>
      </Box>
    </>
  );
}

interface PriceGroupValues {
  name: string;
  description: string;
  isActive: boolean;
}

function PriceGroupForm({ group, onDone }: { group: PriceGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSavePriceGroup();
  const remove = useDeletePriceGroup();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useFormState<PriceGroupValues>({
    name: group?.name ?? '',
    description: group?.description ?? '',
    isActive: group?.isActive ?? true,
  });
  const unshownError = save.isError && Object.keys(form.errors).length === 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { name: form.values.name.trim(), description: nullIfBlank(form.values.description), isActive: form.values.isActive };
    save.mutate(
      { id: group?.id, input },
      {
        onSuccess: () => {
          notifySaved(t('pricing.priceGroups.saved', { name: input.name }));
          onDone();
        },
        onError: (error) => form.takeErrors(error, ['name', 'description', 'isActive']),
      },
    );
  };
  const runDelete = () =>
    group &&
    remove.mutate(group.id, {
      onSuccess: () => {
        notifySaved(t('pricing.priceGroups.deleted', { name: group.name }));
        onDone();
      },
      onError: (error) => {
        setConfirmDelete(false);
        notifyFailed(error, t);
      },
    });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unshownError && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
        <TextInput
          label={t('pricing.priceGroups.name')}
          required
          data-autofocus
          maxLength={100}
          value={form.values.name}
          onChange={(event) => form.set('name', event.currentTarget.value)}
          error={form.error('name')}
        />
        <Textarea
          label={t('pricing.priceGroups.descriptionLabel')}
          autosize
          minRows={2}
          maxLength={500}
          value={form.values.description}
          onChange={(event) => form.set('description', event.currentTarget.value)}
          error={form.error('description')}
        />
        <Switch
          label={t('pricing.priceGroups.isActive')}
          description={t('pricing.priceGroups.isActiveHint')}
          checked={form.values.isActive}
          onChange={(event) => form.set('isActive', event.currentTarget.checked)}
        />
        {confirmDelete && (
          <Alert color="red" variant="light">
            <Stack gap="xs">
              <Text size="sm">{t('pricing.priceGroups.confirmDelete', { name: group?.name })}</Text>
              <Group gap="xs">
                <Button color="red" size="xs" loading={remove.isPending} onClick={runDelete}>
                  {t('common.delete')}
                </Button>
                <Button variant="default" size="xs" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group justify="space-between">
          {group && !confirmDelete ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
              {t('common.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? t('common.save') : t('pricing.priceGroups.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
