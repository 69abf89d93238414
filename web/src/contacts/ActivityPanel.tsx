/** The contact's audit trail: who changed which field, from what to what, and when. */
import { Button, Group, Paper, Skeleton, Stack, Table, Text, Timeline } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconArrowBackUp,
  IconBell,
  IconBellOff,
  IconCoins,
  IconDiscount,
  IconDownload,
  IconGift,
  IconGitMerge,
  IconHistory,
  IconMailCog,
  IconNotes,
  IconPaperclip,
  IconPencil,
  IconPlus,
  IconPoint,
  IconSend,
  IconUserOff,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActivityItem, Contact, FieldChange, PayTerm } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import type { Formatters } from '../i18n/format.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { useUsers } from '../settings/api.ts';
import { countryName } from '../shared/places.ts';
import { describeActivity } from './activity-lines.ts';
import { useActivity } from './api.ts';
import { useCustomerGroups } from './list/list-api.ts';
import { payTermLabel } from './form/payTerm.ts';

const actionIcons: Record<string, typeof IconPlus> = {
  created: IconPlus,
  updated: IconPencil,
  deactivated: IconArchive,
  reactivated: IconArchiveOff,
  anonymised: IconUserOff,
  note_added: IconNotes,
  note_updated: IconNotes,
  note_deleted: IconNotes,
  attachment_added: IconPaperclip,
  attachment_deleted: IconPaperclip,
  personal_data_exported: IconDownload,
  discount: IconDiscount,
  reverse_discount: IconArrowBackUp,
  apply_advance: IconCoins,
  loyalty_adjust: IconGift,
  reminder_hold: IconBellOff,
  reminder_release: IconBell,
  message_preferences: IconMailCog,
  message_send: IconSend,
  merge: IconGitMerge,
};

export function ActivityPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const activity = useActivity(contact.id);

  if (activity.isPending) return <Skeleton height={160} radius="md" />;
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => activity.refetch()} />;
  const items = activity.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <EmptyPanel icon={<IconHistory size={28} />} title={t('activity.empty')} />;
  }

  return (
    <Stack gap="md" maw={960}>
      <Timeline bulletSize={26} lineWidth={2}>
        {items.map((item) => {
          const Icon = actionIcons[item.action] ?? IconPoint;
          return (
            <Timeline.Item key={item.id} bullet={<Icon size={14} />}>
              <ActivityEntry item={item} />
            </Timeline.Item>
          );
        })}
      </Timeline>
      {activity.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={activity.isFetchingNextPage} onClick={() => activity.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface DescribeContext {
  t: TFunction;
  exists: (key: string) => boolean;
  format: Formatters;
  customLabels: Record<string, string | undefined>;
  userName: (id: string) => string;
  groupName: (id: string) => string;
}

function ActivityEntry({ item }: { item: ActivityItem }) {
  const { t, i18n } = useTranslation();
  const format = useBusinessFormat();
  const session = useSession();
  const users = useUsers(can(session, 'users.manage'));
  const detail = item.changes && !Array.isArray(item.changes) ? item.changes : {};
  let changes: FieldChange[] = [];
  if (Array.isArray(item.changes)) changes = item.changes;
  // A merge records its field changes beside the contacts it merged.
  else if (Array.isArray(detail.fields)) changes = detail.fields as FieldChange[];
  const groups = useCustomerGroups(changes.some((change) => change.field === 'customerGroupId'));
  const context: DescribeContext = {
    t,
    exists: (key) => i18n.exists(key),
    format,
    customLabels: session.business.customFieldLabels,
    userName: (id) =>
      users.data?.find((user) => user.id === id)?.name ?? (id === session.user.id ? session.user.name : t('activity.otherUser')),
    // A group deleted since the change is no longer listed, so it is named as deleted.
    groupName: (id) => {
      if (!groups.data) return '…';
      return groups.data.find((group) => group.id === id)?.name ?? t('activity.deletedGroup');
    },
  };
  const lines = describeActivity(item, { t, exists: context.exists, format, currency: session.business.currency });
  const shown = item.action === 'created' ? [] : changes;

  return (
    <Stack gap={6} pb="xs" data-testid="activity-entry">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="sm" fw={600}>
          {lines.title}
        </Text>
        <Text size="xs" c="dimmed">
          {format.dateTime(item.createdAt)}
        </Text>
      </Group>
      {lines.details.map((line) => (
        <Text key={line} size="sm" c="dimmed" className="pre-line">
          {line}
        </Text>
      ))}
      {shown.length > 0 && (
        <Stack gap={6} hiddenFrom="sm">
          {shown.map((change) => (
            <Paper key={change.field} withBorder radius="sm" p="xs">
              <Text size="sm" fw={600}>
                {fieldLabel(change.field, context)}
              </Text>
              <Text size="sm" c="dimmed" className="pre-line">
                {describeValue(change, 'from', context)}
              </Text>
              <Text size="sm" className="pre-line">
                → {describeValue(change, 'to', context)}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {shown.length > 0 && (
        <Paper withBorder radius="sm" visibleFrom="sm">
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">{t('activity.field')}</Table.Th>
                  <Table.Th>{t('activity.from')}</Table.Th>
                  <Table.Th>{t('activity.to')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((change) => (
                  <Table.Tr key={change.field}>
                    <Table.Td fw={500}>{fieldLabel(change.field, context)}</Table.Td>
                    <Table.Td c="dimmed" className="pre-line">
                      {describeValue(change, 'from', context)}
                    </Table.Td>
                    <Table.Td className="pre-line">{describeValue(change, 'to', context)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

function fieldLabel(field: string, { t, exists, customLabels }: DescribeContext): string {
  const key = `contact.fields.${field}`;
  if (exists(key)) return t(key);
  if (/^custom\d+$/.test(field)) return customLabels[field] || t('settings.customFields.field', { number: field.slice(6) });
  return field;
}

/** Describes a changed value in words: translated types and statuses, formatted amounts, dates, terms and names. */
function describeValue(change: FieldChange, side: 'from' | 'to', context: DescribeContext): string {
  const { t, format } = context;
  const value = change[side];
  if (value === null || value === undefined || value === '') return t('activity.empty');
  switch (change.field) {
    case 'type':
    case 'kind':
    case 'status':
      return t(`contact.${change.field}.${String(value)}`);
    case 'openingBalance':
      return format.money(String(value), { signed: true });
    case 'creditLimit':
      return format.money(String(value));
    case 'customerGroupId':
      return context.groupName(String(value));
    case 'dateOfBirth':
    case 'openingBalanceDate':
      return format.date(String(value));
    case 'country':
      return countryName(String(value), format.locale);
    case 'language':
      return t(`language.${String(value)}`);
    case 'payTerm':
      return payTermLabel(value as PayTerm, t);
    case 'assignedUserIds':
      return Array.isArray(value) && value.length > 0 ? value.map((id) => context.userName(String(id))).join(', ') : t('activity.empty');
    case 'refusals':
      return refusedChannels(value, context);
  }
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (Array.isArray(value)) return value.length === 0 ? t('activity.empty') : value.join(', ');
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, part]) => part !== null && part !== '')
      .map(([key, part]) => t('activity.pair', { label: fieldLabel(key, context), value: String(part) }));
    return parts.length === 0 ? t('activity.empty') : parts.join('\n');
  }
  return String(value);
}

/** Names the channels of a message preferences entry's `refusals`, `[{ channel, refusedAt }]`. */
function refusedChannels(value: unknown, { t, exists }: DescribeContext): string {
  const refusals = Array.isArray(value) ? (value as { channel?: unknown }[]) : [];
  const names = refusals.map(({ channel }) => {
    const key = `activity.channels.${String(channel)}`;
    return exists(key) ? t(key) : String(channel);
  });
  return names.length === 0 ? t('activity.noRefusal') : names.join(', ');
}
