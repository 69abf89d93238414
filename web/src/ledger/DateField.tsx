/**
 * A business date typed day first (31/12/2024), as the contact form takes
 * dates, whatever language the browser itself runs in. The parent stores the
 * API's `YYYY-MM-DD`, or the text as typed while it is not a date, so a save
 * reports it under the field.
 */
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inputToIso, isoToInput } from '../shared/dates.ts';
import { isIsoDate } from './dates.ts';

export function DateField({
  value,
  onChange,
  ...props
}: { value: string; onChange: (value: string) => void } & Omit<TextInputProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => isoToInput(value));
  const [previous, setPrevious] = useState(value);

  // A new value from the parent (a reset, a link) replaces what was typed,
  // unless it is what the typed text already reads as.
  if (value !== previous) {
    setPrevious(value);
    if (inputToIso(text) !== value) setText(isoToInput(value));
  }

  return (
    <TextInput
      inputMode="numeric"
      placeholder={t('contactForm.datePlaceholder')}
      autoComplete="off"
      {...props}
      value={text}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        const iso = inputToIso(typed);
        setText(typed);
        if (typed.trim() === '') onChange('');
        else onChange(isIsoDate(iso) ? iso : typed.trim());
      }}
    />
  );
}
