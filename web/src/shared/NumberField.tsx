/**
 * A text field for an amount, a percentage or a quantity in the user's
 * convention. Leaving it rewrites readable text in the canonical form
 * (`1234,5` becomes `1 234,50`), or shows at once why the text cannot be
 * read. The form checks the same rule again before it sends anything.
 */
import { Text, TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session-context.tsx';
import { asLocale } from '../i18n/locale.ts';
import { currencySymbol } from '../ledger/currency.ts';
import { minorDigits } from '../ledger/minor.ts';
import { moneyRule, type NumberRule, numberError, tidyField } from './number-input.ts';

export interface NumberFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'error'> {
  rule: NumberRule;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** The currency whose sign ends an amount field. */
  currency?: string;
}

export function NumberField({ rule, value, onChange, error, currency, onBlur, ...props }: NumberFieldProps) {
  const { t, i18n } = useTranslation();
  const locale = asLocale(i18n.language) ?? 'fr';
  const [blurError, setBlurError] = useState<string | undefined>(undefined);
  let unit: string | null = null;
  if (rule.kind === 'percent') unit = '%';
  else if (currency) unit = currencySymbol(currency, locale);

  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      classNames={{ input: 'amount' }}
      rightSection={
        unit ? (
          <Text size="sm" c="dimmed">
            {unit}
          </Text>
        ) : undefined
      }
      {...props}
      value={value}
      onChange={(event) => {
        setBlurError(undefined);
        onChange(event.currentTarget.value);
      }}
      onBlur={(event) => {
        const problem = numberError(value, locale, rule, t);
        setBlurError(problem);
        // A message from the last save stays until the user edits the value, so tidying waits too.
        if (!problem && !error) {
          const tidy = tidyField(value, locale, rule);
          if (tidy !== value) onChange(tidy);
        }
        onBlur?.(event);
      }}
      error={error ?? blurError}
    />
  );
}

/** Returns the rule of a money field in the business's currency. */
export function useMoneyRule(sign: NumberRule['sign'] = 'zeroOrMore'): NumberRule {
  const { currency } = useSession().business;
  return moneyRule(minorDigits(currency), sign);
}
