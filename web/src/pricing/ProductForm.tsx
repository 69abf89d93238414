/** Creates or edits a product: SKU, name, tax-included price, tax rate, status and group prices. */
import { Alert, Autocomplete, Button, Divider, Group, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { NumberField, useMoneyRule } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal, formatNumber, percentRule } from '../shared/number-input.ts';
import { type Product, type ProductInput, useDeleteProduct, usePriceGroups, useSaveProduct } from './api.ts';

/** Common French VAT rates in hundredths of a percent, offered as suggestions; any rate may be typed. */
const taxSuggestions = [2000n, 1000n, 550n, 210n, 0n];

interface ProductValues {
  sku: string;
  name: string;
  sellingPrice: string;
  taxRate: string;
  isActive: boolean;
  /** Typed price per price group id; empty means the group uses the selling price. */
  prices: Record<string, string>;
}

const shownPaths = ['sku', 'name', 'sellingPrice', 'taxRate', 'isActive'];

export function ProductForm({ product, onDone }: { product: Product | null; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const priceGroups = usePriceGroups();
  const save = useSaveProduct();
  const remove = useDeleteProduct();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [unshown, setUnshown] = useState<string[]>([]);
  const priceRule = useMoneyRule();
  const { locale } = format;
  const form = useFormState<ProductValues>({
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    sellingPrice: decimalToField(product?.sellingPrice, locale, priceRule),
    taxRate: decimalToField(product?.taxRate ?? '20', locale, percentRule),
    isActive: product?.isActive ?? true,
    prices: Object.fromEntries((product?.prices ?? []).map((p) => [p.priceGroupId, decimalToField(p.price, locale, priceRule)])),
  });
  // Inactive groups stay listed while the product still has a price in them.
  const groups = (priceGroups.data ?? []).filter((group) => group.isActive || form.values.prices[group.id]);
  const filledGroups = groups.filter((group) => (form.values.prices[group.id] ?? '').trim() !== '');

  const text = (key: 'sku' | 'name') => ({
    value: form.values[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.set(key, event.currentTarget.value),
    error: form.error(key),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setUnshown([]);
    const v = form.values;
    const groupPrice = (id: string) => v.prices[id] ?? '';
    const problems = collectErrors({
      sku: requiredError(v.sku, t),
      name: requiredError(v.name, t),
      sellingPrice: numberCheck(v.sellingPrice, locale, priceRule, t, { required: true }),
      taxRate: numberCheck(v.taxRate, locale, percentRule, t),
      ...Object.fromEntries(
        filledGroups.map((group, index) => [`prices.${index}.price`, numberCheck(groupPrice(group.id), locale, priceRule, t)]),
      ),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const decimal = (text: string, rule: typeof priceRule) => fieldToDecimal(text, locale, rule) ?? text.trim();
    const input: ProductInput = {
      sku: v.sku.trim(),
      name: v.name.trim(),
      sellingPrice: decimal(v.sellingPrice, priceRule),
      taxRate: v.taxRate.trim() === '' ? '0' : decimal(v.taxRate, percentRule),
      isActive: v.isActive,
      prices: filledGroups.map((group) => ({ priceGroupId: group.id, price: decimal(groupPrice(group.id), priceRule) })),
    };
    const pricePaths = filledGroups.map((_, index) => `prices.${index}.price`);
    save.mutate(
      { id: product?.id, input },
      {
        onSuccess: () => {
          notifySaved(t('pricing.products.saved', { name: input.name }));
          onDone();
        },
        onError: (error) => setUnshown(form.takeErrors(error, [...shownPaths, ...pricePaths])),
      },
    );
  };

  const runDelete = () =>
    product &&
    remove.mutate(product.id, {
      onSuccess: () => {
        notifySaved(t('pricing.products.deleted', { name: product.name }));
        onDone();
      },
      onError: (error) => {
        setConfirmDelete(false);
        notifyFailed(error, t);
      },
    });

  const generalError = save.isError && Object.keys(form.errors).length === 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {(generalError || unshown.length > 0) && (
          <Alert color="red" variant="light">
            {[...(generalError ? [errorMessage(save.error, t)] : []), ...unshown].join(' ')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput label={t('pricing.products.sku')} required data-autofocus autoComplete="off" maxLength={64} {...text('sku')} />
          <TextInput
            label={t('pricing.products.name')}
            required
            autoComplete="off"
            maxLength={200}
            style={{ gridColumn: 'span 2' }}
            {...text('name')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberField
            label={t('pricing.products.sellingPrice')}
            description={t('pricing.products.sellingPriceHint')}
            required
            rule={priceRule}
            currency={currency}
            value={form.values.sellingPrice}
            onChange={(value) => form.set('sellingPrice', value)}
            error={form.error('sellingPrice')}
          />
          <Autocomplete
            label={t('pricing.products.taxRate')}
            description={t('pricing.products.taxRateHint')}
            inputMode="decimal"
            classNames={{ input: 'amount' }}
            rightSection={<Text size="xs" c="dimmed">%</Text>}
            data={taxSuggestions.map((rate) => formatNumber(rate, locale, percentRule))}
            value={form.values.taxRate}
            onChange={(value) => form.set('taxRate', value)}
            error={form.error('taxRate')}
          />
        </SimpleGrid>
        <Switch
          label={t('pricing.products.isActive')}
          description={t('pricing.products.isActiveHint')}
          checked={form.values.isActive}
          onChange={(event) => form.set('isActive', event.currentTarget.checked)}
        />

        <Divider label={t('pricing.products.groupPrices')} labelPosition="left" />
        {groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('pricing.products.noPriceGroups')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('pricing.products.groupPricesHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              {groups.map((group) => {
                const index = filledGroups.findIndex((filled) => filled.id === group.id);
                return (
                  <NumberField
                    key={group.id}
                    label={group.name}
                    rule={priceRule}
                    currency={currency}
                    placeholder={form.values.sellingPrice || undefined}
                    value={form.values.prices[group.id] ?? ''}
                    onChange={(value) => form.set('prices', { ...form.values.prices, [group.id]: value })}
                    error={index >= 0 ? form.error(`prices.${index}.price`) : undefined}
                  />
                );
              })}
            </SimpleGrid>
          </>
        )}

        <Group justify="space-between" mt="sm">
          <Group gap="xs">
            {product && !confirmDelete && (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                {t('common.delete')}
              </Button>
            )}
            {product && confirmDelete && (
              <>
                <Text size="sm">{t('pricing.products.confirmDelete')}</Text>
                <Button color="red" size="xs" loading={remove.isPending} onClick={runDelete}>
                  {t('common.delete')}
                </Button>
                <Button variant="default" size="xs" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            )}
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t('common.save') : t('pricing.products.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
