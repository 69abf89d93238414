/**
 * The description field of a sale or purchase line, which also searches the
 * catalogue: picking a product fills the description, the product's selling
 * price tax included and the tax rate, and links the line to the product so
 * the customer's group price applies when the sale is saved. The line is then
 * priced tax included, so the customer pays exactly the shelf price.
 */
import { Badge, CloseButton, Combobox, Group, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { minorDigits } from '../ledger/minor.ts';
import { decimalToField, moneyRule, percentRule } from '../shared/number-input.ts';
import { type Product, useProductSearch } from './api.ts';

/** The line fields a picked product fills. */
export interface PickedProduct {
  productId: string | null;
  description: string;
  /** The selling price, tax included. */
  unitPrice: string;
  priceIncludesTax: true;
  taxRate: string;
}

export function ProductLineInput({
  description,
  productId,
  onDescription,
  onProduct,
  error,
}: {
  description: string;
  productId: string | null;
  onDescription: (text: string) => void;
  onProduct: (picked: PickedProduct | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const combobox = useCombobox();
  const [typed, setTyped] = useState('');
  const [query] = useDebouncedValue(typed.trim(), 200);
  const search = useProductSearch(productId ? '' : query);
  const products = query && !productId ? (search.data?.items ?? []) : [];

  const pick = (product: Product) => {
    onProduct({
      productId: product.id,
      description: product.name,
      unitPrice: decimalToField(product.sellingPrice, format.locale, moneyRule(minorDigits(currency))),
      priceIncludesTax: true,
      taxRate: decimalToField(product.taxRate, format.locale, percentRule),
    });
    setTyped('');
    combobox.closeDropdown();
  };

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(id) => {
        const product = products.find((item) => item.id === id);
        if (product) pick(product);
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('trade.lines.description')}
          placeholder={t('pricing.lines.searchPlaceholder')}
          required
          value={description}
          maxLength={500}
          error={error}
          rightSectionWidth={productId ? 110 : undefined}
          rightSection={
            productId ? (
              <Group gap={2} wrap="nowrap" pr={4}>
                <Badge size="sm" variant="light" radius="sm">
                  {t('pricing.lines.linked')}
                </Badge>
                <CloseButton size="sm" aria-label={t('pricing.lines.unlink')} onClick={() => onProduct(null)} />
              </Group>
            ) : undefined
          }
          onChange={(event) => {
            const text = event.currentTarget.value;
            onDescription(text);
            setTyped(text);
            if (!productId) combobox.openDropdown();
          }}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={products.length === 0}>
        <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
          {products.map((product) => (
            <Combobox.Option key={product.id} value={product.id}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {product.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {product.sku}
                  </Text>
                </div>
                <Text size="sm" className="amount">
                  {format.money(product.sellingPrice)}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
