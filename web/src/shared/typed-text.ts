/**
 * The typed text of a field that stores an API value (a date, a day and
 * month): what the parent receives while the user types, and whether the
 * text is invalid once the user leaves the field.
 */
import { useState } from 'react';

/** The reading of a field's text: nothing, the API value it stands for, or neither. */
export type TypedReading = { kind: 'empty' } | { kind: 'valid'; value: string } | { kind: 'invalid' };

export interface TypedFormat {
  /** Writes an API value as the field shows it. */
  toInput(value: string): string;
  /** Reads the text the user typed. */
  read(text: string): TypedReading;
}

/** Returns what the parent stores for `text`: '' for nothing, the API value, or the text trimmed while it is invalid. */
function storedValue(format: TypedFormat, text: string): string {
  const reading = format.read(text);
  if (reading.kind === 'empty') return '';
  return reading.kind === 'valid' ? reading.value : text.trim();
}

/**
 * Keeps the field's text beside the parent's `value`. A new value from the
 * parent (a reset, a link) replaces what was typed, unless it is what the
 * typed text already stands for.
 */
export function useTypedText(value: string, onChange: (value: string) => void, format: TypedFormat) {
  const [text, setText] = useState(() => format.toInput(value));
  const [previous, setPrevious] = useState(value);
  const [invalid, setInvalid] = useState(false);

  if (value !== previous) {
    setPrevious(value);
    if (storedValue(format, text) !== value) {
      setText(format.toInput(value));
      setInvalid(false);
    }
  }

  const change = (typed: string) => {
    setText(typed);
    setInvalid(false);
    onChange(storedValue(format, typed));
  };
  const checkOnLeave = () => setInvalid(format.read(text).kind === 'invalid');
  return { text, invalid, change, checkOnLeave };
}
