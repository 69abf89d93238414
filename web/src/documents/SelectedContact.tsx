/**
 * The contact a sale or purchase is for, with what it owes, its overdue
 * amount and the credit still available, read fresh from its account. A
 * user without `ledger.view` sees the contact without these figures.
 */
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { contactPath } from '../contacts/paths.ts';
import { useAccount } from '../ledger/api.ts';
import { amountOverLimit } from '../ledger/minor.ts';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import type { PickedContact } from './ContactPicker.tsx';
import type { DocumentSection } from './paths.ts';

export function SelectedContact({
  contact,
  section,
  onClear,
}: {
  contact: PickedContact;
  section: DocumentSection;
  onClear?: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const figures = can(session, 'ledger.view');
  const account = useAccount(figures ? contact.id : '');
  const balance = account.data?.balance ?? contact.balance;
  const available = account.data ? account.data.availableCredit : contact.availableCredit;
  const overLimit = account.data ? amountOverLimit(account.data, session.business.currency) : null;
  const overdue = section === 'sale' ? account.data?.overdue : account.data?.overduePayable;
  const type = contact.type === 'supplier' || contact.type === 'both' || contact.type === 'customer' ? contact.type : 'customer';

  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)" data-testid="selected-contact">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={0} miw={0}>
          <Anchor component={Link} to={contactPath({ id: contact.id, type })} fw={600} c="inherit">
            {contact.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[contact.code, contact.mobile, contact.city].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        {onClear && (
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            {t('trade.form.changeContact')}
          </Button>
        )}
      </Group>
      {section === 'sale' && contact.status === 'inactive' && (
        <Text size="xs" c="orange.8" mt={4} data-testid="selected-inactive">
          {t('trade.form.inactiveContact')}
        </Text>
      )}
      {figures && (
        <SimpleGrid cols={{ base: 2, xs: section === 'sale' ? 3 : 2 }} mt="xs" spacing="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('contact.balance')}
            </Text>
            <Amount value={balance} balance fw={600} data-testid="selected-balance" />
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('ledger.figures.overdue')}
            </Text>
            {overdue === undefined ? (
              <Text size="sm">—</Text>
            ) : (
              <Amount value={overdue} fw={600} c={decimalSign(overdue) > 0 ? 'red.8' : undefined} />
            )}
          </Stack>
          {section === 'sale' && (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('ledger.figures.availableCredit')}
              </Text>
              {available === null ? (
                <Text size="sm">{t('ledger.figures.noLimit')}</Text>
              ) : (
                <Amount value={available} fw={600} data-testid="selected-available" />
              )}
              {overLimit !== null && (
                <Text size="xs" c="red.8">
                  {t('ledger.figures.overLimit', { amount: format.money(overLimit) })}
                </Text>
              )}
            </Stack>
          )}
        </SimpleGrid>
      )}
    </Paper>
  );
}
