/** The contacts an undo keeps, or would keep, because they have been used or changed since the import. */
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KeptContact } from './api.ts';

export function KeptContacts({ contacts, count }: { contacts: KeptContact[]; count: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{t('transfer.import.undo.keptTitle')}</Text>
      <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="kept-contacts">
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={contact.id}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{contact.code}</Table.Td>
              <Table.Td style={{ overflowWrap: 'break-word' }}>
                <Text size="sm">{contact.name}</Text>
                <Text size="xs" c="dimmed">{t(`transfer.import.undo.reasons.${contact.reason}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {count > contacts.length && (
        <Text size="sm" c="dimmed">{t('transfer.import.undo.keptMore', { count: count - contacts.length })}</Text>
      )}
    </Stack>
  );
}
