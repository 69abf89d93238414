/**
 * The business's loyalty programme: whether it runs, how points are earned
 * and redeemed, the limits of both, and how long points stay valid. Every
 * limit is also enforced by the server on each sale.
 */
import { Alert, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { currencySymbol } from '../ledger/currency.ts';
import { SettingsGuard } from '../settings/SettingsGuard.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { decimalToInput, inputToDecimal } from '../shared/money.ts';
import { notifySaved } from '../shared/notify.ts';
import { type ExpiryUnit, type LoyaltySettings, useLoyaltySettings, useSaveLoyaltySettings } from './api.ts';
import { earningExample, redemptionValue } from './points.ts';

interface SettingsValues {
  enabled: boolean;
  name: string;
  amountPerPoint: string;
  minOrderToEarn: string;
  maxPointsPerOrder: string;
  pointValue: string;
  minOrderToRedeem: string;
  minPointsToRedeem: string;
  maxPointsPerOrderRedeem: string;
  expires: boolean;
  expiryPeriod: string;
  expiryUnit: ExpiryUnit;
}

const errorPaths: Partial<Record<keyof SettingsValues, string>> = {
  expires: 'expiry',
  expiryPeriod: 'expiry.period',
  expiryUnit: 'expiry.unit',
};
const shownPaths = [
  'enabled', 'name', 'amountPerPoint', 'minOrderToEarn', 'maxPointsPerOrder', 'pointValue', 'minOrderToRedeem',
  'minPointsToRedeem', 'maxPointsPerOrderRedeem', 'expiry', 'expiry.period', 'expiry.unit',
];

export function LoyaltySettingsPage() {
  const { t } = useTranslation();
  const settings = useLoyaltySettings();
  return (
    <SettingsGuard permission="loyalty.settings">
      <PageHeader title={t('loyalty.settings.title')} description={t('loyalty.settings.description')} />
      {settings.isPending ? (
        <Skeleton height={420} radius="md" />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </SettingsGuard>
  );
}

function valuesOf(settings: LoyaltySettings, locale: 'fr' | 'en'): SettingsValues {
  const count = (value: number | null) => (value === null ? '' : String(value));
  return {
    enabled: settings.enabled,
    name: settings.name,
    amountPerPoint: decimalToInput(settings.amountPerPoint, locale),
    minOrderToEarn: decimalToInput(settings.minOrderToEarn, locale),
    maxPointsPerOrder: count(settings.maxPointsPerOrder),
    pointValue: decimalToInput(settings.pointValue, locale),
    minOrderToRedeem: decimalToInput(settings.minOrderToRedeem, locale),
    minPointsToRedeem: count(settings.minPointsToRedeem),
    maxPointsPerOrderRedeem: count(settings.maxPointsPerOrderRedeem),
    expires: settings.expiry !== null,
    expiryPeriod: String(settings.expiry?.period ?? 12),
    expiryUnit: settings.expiry?.unit ?? 'months',
  };
}

/** A whole number as typed, or the text itself so the server names the field; empty means no limit. */
function countOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

function SettingsForm({ settings }: { settings: LoyaltySettings }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const save = useSaveLoyaltySettings();
  const form = useFormState<SettingsValues>(valuesOf(settings, format.locale), errorPaths);
  const v = form.values;
  const symbol = currencySymbol(currency, format.locale);
  const unshownError = save.isError && Object.keys(form.errors).length === 0;

  const money = (key: 'amountPerPoint' | 'minOrderToEarn' | 'pointValue' | 'minOrderToRedeem') => ({
    inputMode: 'decimal' as const,
    classNames: { input: 'amount' },
    rightSection: <Text size="sm" c="dimmed">{symbol}</Text>,
    value: v[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.set(key, event.currentTarget.value),
    error: form.error(key),
  });
  const count = (key: 'maxPointsPerOrder' | 'minPointsToRedeem' | 'maxPointsPerOrderRedeem' | 'expiryPeriod') => ({
    inputMode: 'numeric' as const,
    classNames: { input: 'amount' },
    value: v[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.set(key, event.currentTarget.value),
    error: form.error(errorPaths[key] ?? key),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input: LoyaltySettings = {
      enabled: v.enabled,
      name: v.name.trim(),
      amountPerPoint: inputToDecimal(v.amountPerPoint),
      minOrderToEarn: inputToDecimal(v.minOrderToEarn || '0'),
      maxPointsPerOrder: countOf(v.maxPointsPerOrder),
      pointValue: inputToDecimal(v.pointValue),
      minOrderToRedeem: inputToDecimal(v.minOrderToRedeem || '0'),
      minPointsToRedeem: countOf(v.minPointsToRedeem),
      maxPointsPerOrderRedeem: countOf(v.maxPointsPerOrderRedeem),
      expiry: v.expires ? { period: countOf(v.expiryPeriod) ?? 0, unit: v.expiryUnit } : null,
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        form.reset(valuesOf(saved, format.locale));
        notifySaved(t('loyalty.settings.saved'));
      },
      onError: (error) => form.takeErrors(error, shownPaths),
    });
  };

  const pointName = v.name.trim() || t('loyalty.settings.defaultName');
  const cap = countOf(v.maxPointsPerOrder);
  const example = earningExample(inputToDecimal(v.amountPerPoint), inputToDecimal(v.pointValue), typeof cap === 'number' ? cap : null, currency);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        {unshownError && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Switch
              size="md"
              label={t('loyalty.settings.enabled')}
              description={t('loyalty.settings.enabledHint')}
              checked={v.enabled}
              onChange={(event) => form.set('enabled', event.currentTarget.checked)}
            />
            <TextInput
              label={t('loyalty.settings.name')}
              description={t('loyalty.settings.nameHint')}
              maxLength={40}
              maw={320}
              value={v.name}
              onChange={(event) => form.set('name', event.currentTarget.value)}
              error={form.error('name')}
            />
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="sm">
            {t('loyalty.settings.earning')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('loyalty.settings.amountPerPoint')} description={t('loyalty.settings.amountPerPointHint')} required {...money('amountPerPoint')} />
            <TextInput label={t('loyalty.settings.minOrderToEarn')} description={t('loyalty.settings.minOrderToEarnHint')} {...money('minOrderToEarn')} />
            <TextInput
              label={t('loyalty.settings.maxPointsPerOrder')}
              description={t('loyalty.settings.maxPointsPerOrderHint')}
              placeholder={t('loyalty.settings.noLimit')}
              {...count('maxPointsPerOrder')}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="sm">
            {t('loyalty.settings.redeeming')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('loyalty.settings.pointValue')} description={t('loyalty.settings.pointValueHint')} required {...money('pointValue')} />
            <TextInput label={t('loyalty.settings.minOrderToRedeem')} description={t('loyalty.settings.minOrderToRedeemHint')} {...money('minOrderToRedeem')} />
            <TextInput
              label={t('loyalty.settings.minPointsToRedeem')}
              description={t('loyalty.settings.minPointsToRedeemHint')}
              placeholder={t('loyalty.settings.noMinimum')}
              {...count('minPointsToRedeem')}
            />
            <TextInput
              label={t('loyalty.settings.maxPointsPerOrderRedeem')}
              description={t('loyalty.settings.maxPointsPerOrderRedeemHint')}
              placeholder={t('loyalty.settings.noLimit')}
              {...count('maxPointsPerOrderRedeem')}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="sm">
            {t('loyalty.settings.expiry')}
          </Title>
          <Stack gap="sm">
            <Switch
              label={t('loyalty.settings.expires')}
              description={t('loyalty.settings.expiresHint')}
              checked={v.expires}
              onChange={(event) => form.set('expires', event.currentTarget.checked)}
            />
            {v.expires && (
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <TextInput label={t('loyalty.settings.expiryPeriod')} required {...count('expiryPeriod')} />
                <Select
                  label={t('loyalty.settings.expiryUnit')}
                  allowDeselect={false}
                  data={[
                    { value: 'months', label: t('loyalty.settings.months') },
                    { value: 'years', label: t('loyalty.settings.years') },
                  ]}
                  value={v.expiryUnit}
                  onChange={(value) => form.set('expiryUnit', (value ?? 'months') as ExpiryUnit)}
                  error={form.error('expiry.unit')}
                />
              </SimpleGrid>
            )}
            {form.error('expiry') && (
              <Text size="sm" c="red">
                {form.error('expiry')}
              </Text>
            )}
          </Stack>
        </Paper>

        {example && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="loyalty-example">
            {t('loyalty.settings.example', {
              name: pointName,
              amount: format.money(example.amount),
              points: example.points,
              value: format.money(redemptionValue(example.points, inputToDecimal(v.pointValue), currency) ?? '0'),
            })}
          </Alert>
        )}

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
