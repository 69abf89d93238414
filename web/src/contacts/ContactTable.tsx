import { Anchor, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../api/types.ts';
import { PayButton } from '../payments/PayButton.tsx';
import { Amount } from '../shared/Amount.tsx';
import type { ContactSection } from './api.ts';
import { StatusBadge } from './badges.tsx';
import { contactPath } from './paths.ts';

export function ContactTable({ contacts, section }: { contacts: Contact[]; section: ContactSection }) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={940}>
      <Table highlightOnHover fz="sm">
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th w={100}>{t('contacts.columns.code')}</Table.Th>
            <Table.Th>{t('contact.fields.name')}</Table.Th>
            <Table.Th>{t('contact.fields.mobile')}</Table.Th>
            <Table.Th>{t('contact.fields.email')}</Table.Th>
            <Table.Th>{t('contact.fields.city')}</Table.Th>
            <Table.Th ta="right">{t('contact.balance')}</Table.Th>
            <Table.Th w={100}>{t('contact.fields.status')}</Table.Th>
            <Table.Th w={130} aria-label={t('payments.record')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => {
            const to = contactPath(contact, section);
            return (
              <Table.Tr
                key={contact.id}
                className="clickable-row"
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  navigate(to);
                }}
              >
                <Table.Td c="dimmed" className="amount">
                  {contact.code}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={to} fw={500} inherit c="inherit">
                    {contact.name}
                  </Anchor>
                </Table.Td>
                <Table.Td className="amount">{contact.mobile}</Table.Td>
                <Table.Td maw={260} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={contact.email ?? undefined}>
                  {contact.email}
                </Table.Td>
                <Table.Td>{contact.city}</Table.Td>
                <Table.Td ta="right">{contact.balance !== null && <Amount value={contact.balance} balance />}</Table.Td>
                <Table.Td>
                  <StatusBadge status={contact.status} />
                </Table.Td>
                <Table.Td ta="right">
                  <PayButton contact={contact} size="compact-sm" variant="light" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Lists contacts on phones: one card per contact, with its balance on the right. */
export function ContactCards({ contacts, section }: { contacts: Contact[]; section: ContactSection }) {
  return (
    <Stack gap="xs">
      {contacts.map((contact) => (
        <Group key={contact.id} gap={6} wrap="nowrap" align="stretch">
          <Card withBorder radius="md" padding="sm" component={Link} to={contactPath(contact, section)} style={{ flex: 1, minWidth: 0 }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Text fw={600} size="sm" truncate>
                  {contact.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[contact.code, contact.mobile, contact.city].filter(Boolean).join(' · ')}
                </Text>
                {contact.email && (
                  <Text size="xs" c="dimmed" truncate>
                    {contact.email}
                  </Text>
                )}
              </Stack>
              <Stack gap={4} align="flex-end">
                {contact.balance !== null && <Amount value={contact.balance} balance size="sm" fw={600} />}
                {contact.status === 'inactive' && <StatusBadge status={contact.status} />}
              </Stack>
            </Group>
          </Card>
          <PayButton contact={contact} compact />
        </Group>
      ))}
    </Stack>
  );
}

export function ContactTableSkeleton() {
  return (
    <Stack gap="xs" aria-busy="true">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} height={40} radius="sm" />
      ))}
    </Stack>
  );
}
