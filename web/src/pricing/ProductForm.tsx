/** Creates or edits a product: SKU, name, tax-included price, tax rate, status and group prices. */
import { Alert, Autocomplete, Button, Divider, Group, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { currencySymbol } from '../ledger/currency.ts';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { decimalToInput, inputToDecimal } from '../shared/money.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { type Product, type ProductInput, useDeleteProduct, usePriceGroups, useSaveProduct } from './api.ts';

/** Common French VAT rates, offered as suggestions; any rate may be typed. */
const taxSuggestions = ['20', '10', '5,5', '2,1', '0'];

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
  const form = useFormState<ProductValues>({
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    sellingPrice: decimalToInput(product?.sellingPrice, format.locale),
    taxRate: decimalToInput(product?.taxRate ?? '20', format.locale),
    isActive: product?.isActive ?? true,
    prices: Object.fromEntries((product?.prices ?? []).map((p) => [p.priceGroupId, decimalToInput(p.price, format.locale)])),
  });
  const symbol = currencySymbol(currency, format.locale);
  // Inactive groups stay listed while the product still has a price in them.
  const groups = (priceGroups.data ?? []).filter((group) => group.isActive || form.values.prices[group.id]);
  const filledGroups = groups.filter((group) => (form.values.prices[group.id] ?? '').trim() !== '');

  const text = (key: 'sku' | 'name' | 'sellingPrice') => ({
    value: form.values[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.set(key, event.currentTarget.value),
    error: form.error(key),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setUnshown([]);
    const v = form.values;
    const input: ProductInput = {
      sku: v.sku.trim(),
      name: v.name.trim(),
      sellingPrice: inputToDecimal(v.sellingPrice),
      taxRate: v.taxRate.trim() === '' ? '0' : inputToDecimal(v.taxRate),
      isActive: v.isActive,
      prices: filledGroups.map((group) => ({ priceGroupId: group.id, price: inputToDecimal(v.prices[group.id] ?? '') })),
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
          <TextInput
            label={t('pricing.products.sellingPrice')}
            description={t('pricing.products.sellingPriceHint')}
            required
            inputMode="decimal"
            classNames={{ input: 'amount' }}
            rightSection={<Text size="sm" c="dimmed">{symbol}</Text>}
            {...text('sellingPrice')}
          />
          <Autocomplete
            label={t('pricing.products.taxRate')}
            description={t('pricing.products.taxRateHint')}
            inputMode="decimal"
            classNames={{ input: 'amount' }}
            rightSection={<Text size="xs" c="dimmed">%</Text>}
            data={taxSuggestions}
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
                  <TextInput
                    key={group.id}
                    label={group.name}
                    inputMode="decimal"
                    classNames={{ input: 'amount' }}
                    placeholder={form.values.sellingPrice || undefined}
                    rightSection={<Text size="sm" c="dimmed">{symbol}</Text>}
                    value={form.values.prices[group.id] ?? ''}
                    onChange={(event) => form.set('prices', { ...form.values.prices, [group.id]: event.currentTarget.value })}
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
