/**
 * The Apply advance dialog: uses the credit a contact has (unused payments,
 * return excesses) to settle its open documents, oldest due first, or one
 * document the user picks, for an amount no larger than either. The result
 * lists each allocation and the advance left.
 */
import { Alert, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useOpenItems } from '../ledger/api.ts';
import { compareDecimals } from '../ledger/minor.ts';
import type { OpenItem } from '../ledger/types.ts';
import { Amount } from '../shared/Amount.tsx';
import { collectErrors, numberCheck } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { useMoneyRule } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal } from '../shared/number-input.ts';
import { AmountField, FailureAlert, failureMessages, SideSwitch } from './OperationParts.tsx';
import { type AppliedAdvance, useApplyAdvance } from './operations.ts';
import { type AccountSide, creditItems, documentItems, openSum, sidesOf } from './sides.ts';

type AdvanceContact = Pick<Contact, 'id' | 'name' | 'type'>;

const OLDEST_FIRST = 'oldest';

interface AdvanceValues {
  side: AccountSide;
  target: string;
  amount: string;
}

export function ApplyAdvanceDialog({
  contact,
  opening,
  opened,
  onClose,
}: {
  contact: AdvanceContact;
  opening: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const items = useOpenItems(contact.id, opened);
  return (
    <Modal opened={opened} onClose={onClose} centered size="lg" title={t('operations.apply.title', { name: contact.name })}>
      {items.data && <ApplyForm key={opening} contact={contact} items={items.data} onClose={onClose} />}
    </Modal>
  );
}

function smaller(a: string, b: string, currency: string) {
  return compareDecimals(a, b, currency) <= 0 ? a : b;
}

function ApplyForm({ contact, items, onClose }: { contact: AdvanceContact; items: OpenItem[]; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const apply = useApplyAdvance(contact.id);
  const [saved, setSaved] = useState<AppliedAdvance | null>(null);
  const [failure, setFailure] = useState<string[]>([]);

  const rule = useMoneyRule('positive');
  const sides = sidesOf(contact.type);
  const credit = (side: AccountSide) => openSum(creditItems(items, side), currency);
  const documents = (side: AccountSide) => documentItems(items, side);
  const suggested = (side: AccountSide, target: string) => {
    const picked = documents(side).find((item) => item.id === target);
    const open = picked ? picked.openAmount : openSum(documents(side), currency);
    return decimalToField(smaller(credit(side), open, currency), format.locale, rule);
  };
  const firstSide = sides.find((side) => documents(side).length > 0) ?? sides[0] ?? 'sale';
  const form = useFormState<AdvanceValues>({
    side: firstSide,
    target: OLDEST_FIRST,
    amount: suggested(firstSide, OLDEST_FIRST),
  }, { amount: 'allocations.0.amount' });
  const { values } = form;

  if (saved) return <AppliedResult result={saved} onClose={onClose} />;

  const open = documents(values.side);
  const choose = (changes: Partial<AdvanceValues>) =>
    form.setValues((current) => {
      const next = { ...current, ...changes };
      return { ...next, amount: suggested(next.side, next.target) };
    });

  const submit = () => {
    if (apply.isPending) return;
    setFailure([]);
    const problems = collectErrors({
      'allocations.0.amount':
        values.target === OLDEST_FIRST ? undefined : numberCheck(values.amount, format.locale, rule, t, { required: true }),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input = {
      ...(contact.type === 'both' ? { side: values.side } : {}),
      allocations:
        values.target === OLDEST_FIRST
          ? undefined
          : [{ itemId: values.target, amount: fieldToDecimal(values.amount, format.locale, rule) ?? '' }],
    };
    apply.mutate(input, {
      onSuccess: setSaved,
      onError: (error) => setFailure(failureMessages(error, form, ['allocations.0.amount'], t)),
    });
  };

  const nothingToDo = open.length === 0 || compareDecimals(credit(values.side), '0', currency) <= 0;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {sides.length > 1 && <SideSwitch value={values.side} onChange={(side) => choose({ side, target: OLDEST_FIRST })} />}
        <Group gap="xl" wrap="wrap">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('operations.apply.credit')}
            </Text>
            <Amount value={credit(values.side)} fw={600} data-testid="apply-credit" />
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('operations.apply.openDocuments')}
            </Text>
            <Amount value={openSum(open, currency)} fw={600} />
          </Stack>
        </Group>
        {nothingToDo ? (
          <Text size="sm" c="dimmed">
            {t(open.length === 0 ? 'operations.apply.noDocument' : 'operations.apply.noCredit')}
          </Text>
        ) : (
          <>
            <Select
              label={t('operations.apply.target')}
              data={[
                { value: OLDEST_FIRST, label: t('operations.apply.oldestFirst') },
                ...open.map((item) => ({
                  value: item.id,
                  label: t('operations.apply.document', {
                    reference: item.reference,
                    due: format.date(item.dueDate),
                    amount: format.money(item.openAmount),
                  }),
                })),
              ]}
              value={values.target}
              onChange={(target) => choose({ target: target ?? OLDEST_FIRST })}
              allowDeselect={false}
            />
            {values.target !== OLDEST_FIRST && (
              <AmountField
                label={t('payments.fields.amount')}
                value={values.amount}
                onChange={(value) => form.set('amount', value)}
                error={form.error('allocations.0.amount')}
              />
            )}
            {values.target === OLDEST_FIRST && (
              <Text size="sm">{t('operations.apply.willApply', { amount: format.money(fieldToDecimal(values.amount, format.locale, rule) ?? '0') })}</Text>
            )}
          </>
        )}
        <FailureAlert title={t('operations.apply.notSaved')} messages={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={apply.isPending} disabled={nothingToDo}>
            {t('operations.apply.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AppliedResult({ result, onClose }: { result: AppliedAdvance; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Stack gap="md" data-testid="advance-applied">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
        <Text size="sm" fw={600}>
          {result.allocations.length > 0 ? t('operations.apply.done') : t('operations.apply.nothingApplied')}
        </Text>
      </Alert>
      {result.allocations.length > 0 && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('operations.apply.settledDocument')}</Table.Th>
              <Table.Th>{t('operations.apply.from')}</Table.Th>
              <Table.Th ta="right">{t('payments.receipt.allocated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.allocations.map((allocation) => (
              <Table.Tr key={`${allocation.itemId}-${allocation.creditItemId}`}>
                <Table.Td ff="monospace">{allocation.reference}</Table.Td>
                <Table.Td ff="monospace">{allocation.creditReference}</Table.Td>
                <Table.Td ta="right">
                  <Amount value={allocation.amount} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm">{t('operations.apply.advanceLeft', { amount: format.money(result.advance) })}</Text>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}
