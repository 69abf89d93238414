/**
 * Groups of likely duplicate contacts, each with its reason. A user with
 * `contact.merge` ticks the contacts of a group that are one and the same
 * and opens the merge screen for them. Any other user reads the groups and
 * opens the contacts, and the page shows a note that an administrator can
 * merge them.
 */
import { Alert, Anchor, Badge, Box, Button, Checkbox, Group, Paper, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCopy, IconGitMerge, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can, useBusinessFormat, useSession } from '../../auth/session-context.tsx';
import { EmptyPanel } from '../../layout/EmptyPanel.tsx';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { QueryError } from '../../layout/QueryError.tsx';
import { Amount } from '../../shared/Amount.tsx';
import { readablePhone } from '../../shared/phones.ts';
import { StatusBadge, TypeBadge } from '../badges.tsx';
import {
  type DuplicateGroup,
  type DuplicateMember,
  type DuplicateReason,
  duplicateReasons,
  useDuplicates,
} from '../list/list-api.ts';
import { contactPath } from '../paths.ts';
import { mergePath } from './paths.ts';

export function DuplicatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const reason = duplicateReasons.includes(params.get('reason') as DuplicateReason) ? (params.get('reason') as DuplicateReason) : null;
  const duplicates = useDuplicates(reason);
  const groups = duplicates.data?.pages.flatMap((page) => page.items) ?? [];
  const session = useSession();
  const mayMerge = can(session, 'contact.merge');
  const mayUpdate = can(session, 'customer.update') || can(session, 'supplier.update');

  return (
    <>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      <Stack gap="md">
        {!mayMerge && (
          <Alert color="blue" icon={<IconInfoCircle size={18} />} data-testid="merge-not-allowed">
            {t(mayUpdate ? 'duplicates.mergeNotAllowedUpdate' : 'duplicates.mergeNotAllowed')}
          </Alert>
        )}
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
              <GroupCard key={`${group.reason}:${group.key}`} group={group} mayMerge={mayMerge} />
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

/** Screens narrower than Mantine's `sm` breakpoint, where the contact list shows cards too. */
const PHONE_QUERY = '(max-width: 47.99em)';

interface MemberListProps {
  contacts: DuplicateMember[];
  /** The ticked contacts, or null for a user who may not merge, who gets no checkboxes. */
  picked: ReadonlySet<string> | null;
  toggle: (id: string, checked: boolean) => void;
}

function GroupCard({ group, mayMerge }: { group: DuplicateGroup; mayMerge: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const [picked, setPicked] = useState<Set<string>>(() => new Set(group.contacts.map((contact) => contact.id)));
  const toggle = (id: string, checked: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const ids = group.contacts.map((contact) => contact.id).filter((id) => picked.has(id));
  const Members = phone ? MemberCards : MemberTable;

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
        {mayMerge && (
          <Button
            size="sm"
            fullWidth={phone}
            leftSection={<IconGitMerge size={16} />}
            disabled={ids.length < 2}
            onClick={() => navigate(mergePath(ids))}
          >
            {t('duplicates.compare')}
          </Button>
        )}
      </Group>
      <Members contacts={group.contacts} picked={mayMerge ? picked : null} toggle={toggle} />
      {group.count > group.contacts.length && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('duplicates.more', { count: group.count - group.contacts.length })}
        </Text>
      )}
    </Paper>
  );
}

/**
 * Shows the contact's name, code and creation day. In the table's narrow
 * name column (`stacked`) the code and the day take a line each, so that a
 * wrapped « CO0038 · » does not end on a dangling separator.
 */
function MemberName({ contact, stacked = false }: { contact: DuplicateMember; stacked?: boolean }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const created = t('duplicates.created', { date: format.day(contact.createdAt) });
  return (
    <>
      <Anchor component={Link} to={contactPath(contact)} fw={500} inherit style={{ overflowWrap: 'anywhere' }}>
        {contact.name}
      </Anchor>
      {stacked ? (
        <>
          <Text size="xs" c="dimmed">
            {contact.code}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {created}
          </Text>
        </>
      ) : (
        <Text size="xs" c="dimmed">
          {contact.code} ·{' '}
          <Text span inherit style={{ whiteSpace: 'nowrap' }}>
            {created}
          </Text>
        </Text>
      )}
    </>
  );
}

function MemberBadges({ contact }: { contact: DuplicateMember }) {
  return (
    <Group gap={4} wrap="wrap">
      <TypeBadge type={contact.type} />
      {contact.status === 'inactive' && <StatusBadge status={contact.status} />}
    </Group>
  );
}

/**
 * Shows the group's contacts as table rows, one column per fact. A native
 * scroll container reserves no room for a scrollbar, so the card has no
 * blank band under the table when it fits.
 */
function MemberTable({ contacts, picked, toggle }: MemberListProps) {
  const { business } = useSession();
  return (
    <Table.ScrollContainer minWidth={GROUP_TABLE_MIN_WIDTH} type="native">
      <Table fz="sm" verticalSpacing={6} layout="fixed">
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={contact.id}>
              {picked && (
                <Table.Td w={36}>
                  <Checkbox
                    aria-label={contact.name}
                    checked={picked.has(contact.id)}
                    onChange={(event) => toggle(contact.id, event.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <MemberName contact={contact} stacked />
              </Table.Td>
              <Table.Td w={150} className="amount" title={contact.mobile ?? undefined}>
                {contact.mobile && readablePhone(contact.mobile, business.country)}
              </Table.Td>
              <Table.Td w={150} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={contact.email ?? undefined}>
                {contact.email}
              </Table.Td>
              <Table.Td w={110}>{contact.city}</Table.Td>
              <Table.Td w={TYPE_WIDTH}>
                <MemberBadges contact={contact} />
              </Table.Td>
              <Table.Td w={110} ta="right">
                <Amount value={contact.balance} balance />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Shows the group's contacts on a phone as stacked cards. A card has the name
 * and the balance on its first line, then the code, mobile, email, city and
 * badges, each wrapped to the screen's width. A long email wraps rather than
 * being cut, so that two emails that differ only at their end look different.
 */
function MemberCards({ contacts, picked, toggle }: MemberListProps) {
  const { business } = useSession();
  return (
    <Stack gap={0}>
      {contacts.map((contact, index) => (
        <Group
          key={contact.id}
          data-testid="duplicate-contact"
          align="flex-start"
          wrap="nowrap"
          gap="sm"
          py="sm"
          style={index === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}
        >
          {picked && (
            <Checkbox
              mt={2}
              aria-label={contact.name}
              checked={picked.has(contact.id)}
              onChange={(event) => toggle(contact.id, event.currentTarget.checked)}
            />
          )}
          <Stack gap={4} miw={0} style={{ flex: 1 }}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Box miw={0} fz="sm" style={{ overflowWrap: 'anywhere' }}>
                <MemberName contact={contact} />
              </Box>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                <Amount value={contact.balance} balance />
              </Text>
            </Group>
            {contact.mobile && (
              <Text size="sm" className="amount" title={contact.mobile}>
                {readablePhone(contact.mobile, business.country)}
              </Text>
            )}
            {contact.email && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {contact.email}
              </Text>
            )}
            {contact.city && <Text size="sm">{contact.city}</Text>}
            <MemberBadges contact={contact} />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}
