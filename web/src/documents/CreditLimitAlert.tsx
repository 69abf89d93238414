/**
 * A sale the credit limit refused: the limit, what the customer already owes
 * (exposure) and what this sale adds, and for users allowed to, an override
 * with a reason that the audit log keeps.
 */
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { atLeastZero, subtractDecimals } from '../ledger/minor.ts';

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function CreditLimitAlert({
  error,
  pending,
  onOverride,
}: {
  error: ApiError;
  pending: boolean;
  onOverride: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const [reason, setReason] = useState('');
  const limit = text(error.body.limit);
  const exposure = text(error.body.exposure);
  const amount = text(error.body.amount);
  const { currency } = session.business;
  const left = limit && exposure ? subtractDecimals(limit, exposure, currency) : null;
  const available = left === null ? null : atLeastZero(left, currency);
  const allowed = can(session, 'credit_limit.override');

  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconShieldExclamation size={20} />}
      title={t('trade.credit.title')}
      data-testid="credit-limit-refusal"
      styles={{ wrapper: { minWidth: 0 }, body: { minWidth: 0 } }}
    >
      <Stack gap="sm">
        {limit && exposure && amount ? (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            <Figure label={t('trade.credit.limit')} value={format.money(limit)} />
            <Figure label={t('trade.credit.exposure')} value={format.money(exposure)} />
            <Figure label={t('trade.credit.amount')} value={format.money(amount)} />
          </SimpleGrid>
        ) : (
          <Text size="sm">{error.detail}</Text>
        )}
        {available && (
          <Text size="sm">{t('trade.credit.available', { amount: format.money(available) })}</Text>
        )}
        {allowed ? (
          <Stack gap="xs">
            <Textarea
              label={t('trade.credit.reason')}
              description={t('trade.credit.reasonHint')}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              maxLength={500}
            />
            <Group justify="flex-end">
              <Button
                color="orange"
                w={{ base: '100%', xs: 'auto' }}
                loading={pending}
                disabled={!reason.trim()}
                onClick={() => onOverride(reason.trim())}
              >
                {t('trade.credit.override')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('trade.credit.askManager')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={700} className="amount">
        {value}
      </Text>
    </Stack>
  );
}
