/**
 * Changes the customer of a parked sale, or makes it a walk-in sale. The
 * server reprices the lines for the new customer's group and drops a points
 * redemption made for the previous customer, so the dialog warns about it first.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ContactPicker } from '../documents/ContactPicker.tsx';
import type { SaleDocument } from '../documents/api.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { useChangeSaleCustomer } from './api.ts';

export function ChangeCustomerDialog({
  sale,
  opened,
  onClose,
}: {
  sale: SaleDocument;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangeSaleCustomer(sale.id);
  const hasRedemption = sale.lines.some((line) => line.loyaltyPoints);

  const run = (contactId: string | null, name: string | null) =>
    change.mutate(contactId, {
      onSuccess: () => {
        notifySaved(name ? t('pricing.changeCustomer.done', { name }) : t('pricing.changeCustomer.cleared'));
        onClose();
      },
    });

  return (
    <Modal opened={opened} onClose={onClose} title={t('pricing.changeCustomer.title', { reference: sale.reference })} centered>
      <Stack data-testid="change-customer">
        <Text size="sm" c="dimmed">
          {t('pricing.changeCustomer.hint')}
        </Text>
        {hasRedemption && (
          <Alert color="yellow" variant="light">
            {t('pricing.changeCustomer.redemptionDropped')}
          </Alert>
        )}
        <ContactPicker section="sale" onPick={(contact) => run(contact.id, contact.name)} error={change.error ? errorMessage(change.error, t) : undefined} />
        <Group justify="space-between">
          {sale.contactId ? (
            <Button variant="subtle" loading={change.isPending} onClick={() => run(null, null)}>
              {t('pricing.changeCustomer.walkIn')}
            </Button>
          ) : (
            <span />
          )}
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
