/**
 * A day and month without a year, written day first (20/12) in both UI
 * languages, for yearly dates such as birthdays. The parent stores the
 * API's `MM-DD`, or the text as typed while it is not a day and month that
 * exist, so a check before sending can name it under the field.
 */
import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { monthDayToInput, readTypedMonthDay } from './dates.ts';
import { type TypedFormat, useTypedText } from './typed-text.ts';

const monthDayFormat: TypedFormat = {
  toInput: monthDayToInput,
  read(text) {
    const reading = readTypedMonthDay(text);
    return reading.kind === 'monthDay' ? { kind: 'valid', value: reading.value } : reading;
  },
};

export function MonthDayField({
  value,
  onChange,
  error,
  ...props
}: { value: string; onChange: (value: string) => void } & Omit<TextInputProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const { text, invalid, change, checkOnLeave } = useTypedText(value, onChange, monthDayFormat);

  const placeholder = t('monthDayField.placeholder');
  const ownError = invalid ? t('monthDayField.invalid', { value: text.trim(), format: placeholder }) : undefined;

  return (
    <TextInput
      inputMode="numeric"
      placeholder={placeholder}
      autoComplete="off"
      {...props}
      value={text}
      error={error || ownError}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={(event) => {
        checkOnLeave();
        props.onBlur?.(event);
      }}
    />
  );
}
