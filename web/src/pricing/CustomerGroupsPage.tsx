/**
 * Customer groups: a percentage off (or on) the selling price, or a selling
 * price group's prices, applied to the sales of every customer in the group.
 */
import { Badge, Box, Button, Card, Group, Modal, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { SettingsGuard } from '../settings/SettingsGuard.tsx';
import { type CustomerGroup, useCustomerGroups } from './api.ts';
import { CustomerGroupForm } from './CustomerGroupForm.tsx';
import { percentText } from './prices.ts';

type Editing = { group: CustomerGroup | null } | null;

/** Describes a group's rule in a few words: `10 % off`, `5 % more`, `Price list: Wholesale`. */
export function useRuleText() {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (group: Pick<CustomerGroup, 'calculation' | 'percentage' | 'priceGroupName'>) => {
    if (group.calculation === 'price_group') return t('pricing.customerGroups.rulePriceGroup', { name: group.priceGroupName ?? '—' });
    const value = group.percentage ?? '0';
    if (value.startsWith('-')) return t('pricing.customerGroups.ruleRaise', { percent: percentText(value.slice(1), format.locale) });
    return t('pricing.customerGroups.ruleOff', { percent: percentText(value, format.locale) });
  };
}

export function CustomerGroupsPage() {
  const { t } = useTranslation();
  const groups = useCustomerGroups();
  const [editing, setEditing] = useState<Editing>(null);

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ group: null })}>
      {t('pricing.customerGroups.new')}
    </Button>
  );

  return (
    <SettingsGuard permission="pricing.manage">
      <PageHeader
        title={t('pricing.customerGroups.title')}
        description={t('pricing.customerGroups.description')}
        actions={addButton}
      />
      {groups.isPending ? (
        <Skeleton height={160} radius="md" />
      ) : groups.isError ? (
        <QueryError error={groups.error} onRetry={() => groups.refetch()} />
      ) : groups.data.length === 0 ? (
        <EmptyPanel
          icon={<IconUsersGroup size={28} />}
          title={t('pricing.customerGroups.empty')}
          description={t('pricing.customerGroups.emptyHint')}
          action={addButton}
        />
      ) : (
        <GroupList groups={groups.data} onEdit={(group) => setEditing({ group })} />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.group ? t('pricing.customerGroups.editTitle', { name: editing.group.name }) : t('pricing.customerGroups.new')}
        centered
      >
        {editing && <CustomerGroupForm group={editing.group} groups={groups.data ?? []} onDone={() => setEditing(null)} />}
      </Modal>
    </SettingsGuard>
  );
}

function GroupList({ groups, onEdit }: { groups: CustomerGroup[]; onEdit: (group: CustomerGroup) => void }) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  const count = (group: CustomerGroup) => (
    <Badge variant="light" color={group.contactCount > 0 ? 'blue' : 'gray'} radius="sm">
      {t('pricing.customerGroups.contacts', { count: group.contactCount })}
    </Badge>
  );
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table highlightOnHover data-testid="customer-group-table">
          <Table.Thead bg="var(--mantine-color-gray-0)">
            <Table.Tr>
              <Table.Th>{t('pricing.customerGroups.name')}</Table.Th>
              <Table.Th>{t('pricing.customerGroups.rule')}</Table.Th>
              <Table.Th w={160}>{t('pricing.customerGroups.members')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((group) => (
              <Table.Tr key={group.id} className="clickable-row" onClick={() => onEdit(group)}>
                <Table.Td fw={500}>{group.name}</Table.Td>
                <Table.Td>{ruleText(group)}</Table.Td>
                <Table.Td>{count(group)}</Table.Td>
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
                  <Text size="xs" c="dimmed">
                    {ruleText(group)}
                  </Text>
                </Stack>
                {count(group)}
              </Group>
            </Card>
          ))}
        </Stack>
      </Box>
    </>
  );
}
