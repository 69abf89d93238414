/**
 * A contact's account figures beside its balance: receivable, payable,
 * advance, overdue and, for customers, the credit limit with what is left
 * of it.
 */
import { SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import { amountOverLimit } from './minor.ts';
import { useAccount } from './api.ts';
import { FigureCard } from './FigureCard.tsx';

function balanceHintKey(sign: -1 | 0 | 1): string {
  if (sign > 0) return 'balance.owesYou';
  return sign < 0 ? 'balance.youOwe' : 'balance.settled';
}

export function AccountSummary({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { business } = useSession();
  const account = useAccount(contact.id);

  if (account.isPending) return <Skeleton height={96} radius="md" />;
  // Without the account figures the contact's cached ones still show; only overdue is unknown.
  const figures = account.data ?? {
    balance: contact.balance ?? '0',
    receivable: contact.receivable ?? '0',
    payable: contact.payable ?? '0',
    advance: contact.advance ?? '0',
    overdue: null,
    overduePayable: null,
    creditLimit: contact.creditLimit,
    availableCredit: null,
  };
  const sells = contact.type !== 'supplier';
  const buys = contact.type !== 'customer';
  const sign = decimalSign(figures.balance);
  // A supplier's overdue figure is what the shop is late paying.
  const overdue = sells ? figures.overdue : figures.overduePayable;
  const overdueSign = overdue === null ? 0 : decimalSign(overdue);
  const overLimit = amountOverLimit(figures, business.currency);
  let creditHint: ReactNode = null;
  if (overLimit !== null) {
    creditHint = <Text span inherit c="red.8">{t('ledger.figures.overLimit', { amount: format.money(overLimit) })}</Text>;
  } else if (figures.creditLimit !== null) {
    creditHint = (
      <>
        {t('ledger.figures.creditLimit')} <Amount value={figures.creditLimit} />
      </>
    );
  }

  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: sells && buys ? 6 : 5 }} spacing="sm" data-testid="account-summary">
      <FigureCard
        testId="figure-balance"
        label={t('contact.balance')}
        value={<Amount value={figures.balance} balance />}
        hint={t(balanceHintKey(sign))}
      />
      {sells && (
        <FigureCard testId="figure-receivable" label={t('contact.receivable')} value={<Amount value={figures.receivable} />} />
      )}
      {buys && <FigureCard testId="figure-payable" label={t('contact.payable')} value={<Amount value={figures.payable} />} />}
      <FigureCard
        testId="figure-advance"
        label={t('contact.advance')}
        value={<Amount value={figures.advance} />}
        hint={t('contact.advanceHint')}
      />
      <FigureCard
        testId="figure-overdue"
        label={t('ledger.figures.overdue')}
        color={overdueSign > 0 ? 'red.8' : undefined}
        value={overdue === null ? '—' : <Amount value={overdue} />}
        hint={
          sells && buys && figures.overduePayable !== null && decimalSign(figures.overduePayable) > 0
            ? t('ledger.figures.overduePayable', { amount: format.money(figures.overduePayable) })
            : t(sells ? 'ledger.figures.overdueHint' : 'ledger.figures.overduePayableHint')
        }
      />
      {sells && (
        <FigureCard
          testId="figure-credit"
          label={t('ledger.figures.availableCredit')}
          value={
            figures.availableCredit === null ? (
              <Text component="span" fz="lg" fw={600} c="dimmed">
                {t('ledger.figures.noLimit')}
              </Text>
            ) : (
              <Amount value={figures.availableCredit} />
            )
          }
          hint={creditHint}
        />
      )}
    </SimpleGrid>
  );
}
