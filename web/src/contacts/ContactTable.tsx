import { Anchor, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../api/types.ts';
import { Amount } from '../shared/Amount.tsx';
import type { ContactSection } from './api.ts';
import { StatusBadge } from './badges.tsx';
import { contactPath } from './paths.ts';

export function ContactTable({ contacts, section }: { contacts: Contact[]; section: ContactSection }) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover>
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th w={110}>{t('contact.fields.code')}</Table.Th>
            <Table.Th>{t('contact.fields.name')}</Table.Th>
            <Table.Th>{t('contact.fields.mobile')}</Table.Th>
            <Table.Th>{t('contact.fields.email')}</Table.Th>
            <Table.Th>{t('contact.fields.city')}</Table.Th>
            <Table.Th ta="right">{t('contact.balance')}</Table.Th>
            <Table.Th w={100}>{t('contact.fields.status')}</Table.Th>
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
                <Table.Td>
                  <Text size="sm" ff="monospace" c="dimmed">
                    {contact.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={to} fw={500} size="sm" c="inherit">
                    {contact.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="amount">
                    {contact.mobile}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={240}>
                    {contact.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{contact.city}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={contact.balance} balance size="sm" />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={contact.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The list on phones: one card per contact with its balance on the right. */
export function ContactCards({ contacts, section }: { contacts: Contact[]; section: ContactSection }) {
  return (
    <Stack gap="xs">
      {contacts.map((contact) => (
        <Card key={contact.id} withBorder radius="md" padding="sm" component={Link} to={contactPath(contact, section)}>
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
              <Amount value={contact.balance} balance size="sm" fw={600} />
              {contact.status === 'inactive' && <StatusBadge status={contact.status} />}
            </Stack>
          </Group>
        </Card>
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
