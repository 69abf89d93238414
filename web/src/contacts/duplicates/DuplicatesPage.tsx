/**
 * Groups of likely duplicate contacts, each with its reason. The user ticks
 * the contacts of a group that are one and the same and opens the merge
 * screen for them.
 */
import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconCopy, IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useBusinessFormat } from '../../auth/session-context.tsx';
import { EmptyPanel } from '../../layout/EmptyPanel.tsx';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { QueryError } from '../../layout/QueryError.tsx';
import { Amount } from '../../shared/Amount.tsx';
import { StatusBadge, TypeBadge } from '../badges.tsx';
import { type DuplicateGroup, type DuplicateReason, duplicateReasons, useDuplicates } from '../list/list-api.ts';
import { contactPath } from '../paths.ts';
import { mergePath } from './paths.ts';

export function DuplicatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const reason = duplicateReasons.includes(params.get('reason') as DuplicateReason) ? (params.get('reason') as DuplicateReason) : null;
  const duplicates = useDuplicates(reason);
  const groups = duplicates.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      <Stack gap="md">
        <Select
          w={280}
          label={t('duplicates.reasonFilter')}
          data={[
            { value: '', label: t('duplicates.allReasons') },
            ...duplicateReasons.map((value) => ({ value, label: t(`duplicates.reasons.${value}`) })),
          ]}
          value={reason ?? ''}
          allowDeselect={false}
          onChange={(value) => setParams(value ? { reason: value } : {})}
        />
        {duplicates.isPending ? (
          <Stack gap="sm">
            <Skeleton height={140} radius="md" />
            <Skeleton height={140} radius="md" />
          </Stack>
        ) : duplicates.isError ? (
          <QueryError error={duplicates.error} onRetry={() => duplicates.refetch()} />
        ) : groups.length === 0 ? (
          <EmptyPanel icon={<IconCopy size={28} />} title={t('duplicates.empty')} description={t('duplicates.emptyHint')} />
        ) : (
          <>
            {groups.map((group) => (
              <GroupCard key={`${group.reason}:${group.key}`} group={group} />
            ))}
            {duplicates.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={duplicates.isFetchingNextPage} onClick={() => duplicates.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </>
  );
}

/** Width of the type column, which shows the longest badge, "CUSTOMER AND SUPPLIER" (about 175 px with its padding), whole. */
const TYPE_WIDTH = 220;

/**
 * Width below which a group's table scrolls sideways. It is the sum of the
 * fixed columns (checkbox, mobile, email, city, type, balance) plus 180 px
 * for the name, which would otherwise shrink to nothing on a narrow screen.
 * It fits the 966 px a group card has at 1280 px beside the navigation.
 */
const GROUP_TABLE_MIN_WIDTH = 36 + 150 + 150 + 110 + TYPE_WIDTH + 110 + 180;

function GroupCard({ group }: { group: DuplicateGroup }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<Set<string>>(() => new Set(group.contacts.map((contact) => contact.id)));
  const toggle = (id: string, checked: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const ids = group.contacts.map((contact) => contact.id).filter((id) => picked.has(id));

  return (
    <Paper withBorder radius="md" p="md" data-testid="duplicate-group">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="orange" radius="sm">
            {t(`duplicates.reasons.${group.reason}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('duplicates.count', { count: group.count })}
          </Text>
        </Group>
        <Button size="sm" leftSection={<IconGitMerge size={16} />} disabled={ids.length < 2} onClick={() => navigate(mergePath(ids))}>
          {t('duplicates.compare')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={GROUP_TABLE_MIN_WIDTH}>
        <Table fz="sm" verticalSpacing={6} layout="fixed">
          <Table.Tbody>
            {group.contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td w={36}>
                  <Checkbox
                    aria-label={contact.name}
                    checked={picked.has(contact.id)}
                    onChange={(event) => toggle(contact.id, event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={contactPath(contact)} fw={500} inherit>
                    {contact.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {contact.code} · {t('duplicates.created', { date: format.day(contact.createdAt) })}
                  </Text>
                </Table.Td>
                <Table.Td w={150} className="amount">
                  {contact.mobile}
                </Table.Td>
                <Table.Td w={150} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={contact.email ?? undefined}>
                  {contact.email}
                </Table.Td>
                <Table.Td w={110}>{contact.city}</Table.Td>
                <Table.Td w={TYPE_WIDTH}>
                  <Group gap={4} wrap="wrap">
                    <TypeBadge type={contact.type} />
                    {contact.status === 'inactive' && <StatusBadge status={contact.status} />}
                  </Group>
                </Table.Td>
                <Table.Td w={110} ta="right">
                  <Amount value={contact.balance} balance />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {group.count > group.contacts.length && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('duplicates.more', { count: group.count - group.contacts.length })}
        </Text>
      )}
    </Paper>
  );
}
