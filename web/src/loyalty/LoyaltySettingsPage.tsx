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
import { minorDigits } from '../ledger/minor.ts';
import { SettingsGuard } from '../settings/SettingsGuard.tsx';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, numberCheck } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal, moneyRule, type NumberRule } from '../shared/number-input.ts';
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

type MoneyKey = 'amountPerPoint' | 'minOrderToEarn' | 'pointValue' | 'minOrderToRedeem';

/** Rules of the money settings: an amount per point and a point's value must be more than zero, the minimums may be zero. */
function moneyRules(currency: string): Record<MoneyKey, NumberRule> {
  const digits = minorDigits(currency);
  return {
    amountPerPoint: moneyRule(digits, 'positive'),
    minOrderToEarn: moneyRule(digits),
    pointValue: moneyRule(digits, 'positive'),
    minOrderToRedeem: moneyRule(digits),
  };
}

function valuesOf(settings: LoyaltySettings, locale: 'fr' | 'en', currency: string): SettingsValues {
  const count = (value: number | null) => (value === null ? '' : String(value));
  const rules = moneyRules(currency);
  return {
    enabled: settings.enabled,
    name: settings.name,
    amountPerPoint: decimalToField(settings.amountPerPoint, locale, rules.amountPerPoint),
    minOrderToEarn: decimalToField(settings.minOrderToEarn, locale, rules.minOrderToEarn),
    maxPointsPerOrder: count(settings.maxPointsPerOrder),
    pointValue: decimalToField(settings.pointValue, locale, rules.pointValue),
    minOrderToRedeem: decimalToField(settings.minOrderToRedeem, locale, rules.minOrderToRedeem),
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
  const { locale } = format;
  const rules = moneyRules(currency);
  const form = useFormState<SettingsValues>(valuesOf(settings, locale, currency), errorPaths);
  const v = form.values;
  const unshownError = save.isError && Object.keys(form.errors).length === 0;
  /** A money setting as an API decimal: blank minimums are zero, and unreadable text goes as typed for the server to name. */
  const decimal = (key: MoneyKey) => fieldToDecimal(v[key] || '0', locale, rules[key]) ?? v[key].trim();

  const money = (key: MoneyKey) => ({
    rule: rules[key],
    currency,
    value: v[key],
    onChange: (value: string) => form.set(key, value),
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
    const problems = collectErrors({
      amountPerPoint: numberCheck(v.amountPerPoint, locale, rules.amountPerPoint, t, { required: true }),
      minOrderToEarn: numberCheck(v.minOrderToEarn, locale, rules.minOrderToEarn, t),
      pointValue: numberCheck(v.pointValue, locale, rules.pointValue, t, { required: true }),
      minOrderToRedeem: numberCheck(v.minOrderToRedeem, locale, rules.minOrderToRedeem, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input: LoyaltySettings = {
      enabled: v.enabled,
      name: v.name.trim(),
      amountPerPoint: decimal('amountPerPoint'),
      minOrderToEarn: decimal('minOrderToEarn'),
      maxPointsPerOrder: countOf(v.maxPointsPerOrder),
      pointValue: decimal('pointValue'),
      minOrderToRedeem: decimal('minOrderToRedeem'),
      minPointsToRedeem: countOf(v.minPointsToRedeem),
      maxPointsPerOrderRedeem: countOf(v.maxPointsPerOrderRedeem),
      expiry: v.expires ? { period: countOf(v.expiryPeriod) ?? 0, unit: v.expiryUnit } : null,
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        form.reset(valuesOf(saved, locale, currency));
        notifySaved(t('loyalty.settings.saved'));
      },
      onError: (error) => form.takeErrors(error, shownPaths),
    });
  };

  const pointName = v.name.trim() || t('loyalty.settings.defaultName');
  const cap = countOf(v.maxPointsPerOrder);
  const example = earningExample(decimal('amountPerPoint'), decimal('pointValue'), typeof cap === 'number' ? cap : null, currency);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        {unshownError && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Switch
              size="md"
              label={t('loyalty.settings.enabled')}
              description={v.enabled ? t('loyalty.settings.enabledHint') : t('loyalty.settings.disabledHint')}
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
            <NumberField label={t('loyalty.settings.amountPerPoint')} description={t('loyalty.settings.amountPerPointHint')} required {...money('amountPerPoint')} />
            <NumberField label={t('loyalty.settings.minOrderToEarn')} description={t('loyalty.settings.minOrderToEarnHint')} {...money('minOrderToEarn')} />
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
            <NumberField label={t('loyalty.settings.pointValue')} description={t('loyalty.settings.pointValueHint')} required {...money('pointValue')} />
            <NumberField label={t('loyalty.settings.minOrderToRedeem')} description={t('loyalty.settings.minOrderToRedeemHint')} {...money('minOrderToRedeem')} />
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
              value: format.money(redemptionValue(example.points, decimal('pointValue'), currency) ?? '0'),
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
