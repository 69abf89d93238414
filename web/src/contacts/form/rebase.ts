/**
 * Lays the user's edits over a contact that someone else changed since the
 * form opened. A field the user edited keeps what they typed, and every
 * other field takes the current value, so neither person's change is lost.
 */
import type { CustomFieldKey } from '../../api/types.ts';
import type { ContactFormValues } from './values.ts';

/** A form field that the other person changed, as `city` or `customFields.custom2`. */
export interface OtherChange {
  field: keyof ContactFormValues | `customFields.${CustomFieldKey}`;
  /** The value when the form opened. */
  from: unknown;
  /** The value the other person saved. */
  to: unknown;
  /** The user's own value of the same field, which the form keeps, when it differs from `to`. */
  typed?: unknown;
}

export interface Rebased {
  values: ContactFormValues;
  otherChanges: OtherChange[];
}

function same(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && [...left].sort().join('\u0000') === [...right].sort().join('\u0000');
  }
  return (left ?? '') === (right ?? '');
}

/**
 * Returns the form values of `current` with the user's edits laid on top.
 * `opened` are the values the form opened with, `typed` the values on screen.
 */
export function rebaseValues(opened: ContactFormValues, typed: ContactFormValues, current: ContactFormValues): Rebased {
  const values = { ...current, customFields: { ...current.customFields } };
  const otherChanges: OtherChange[] = [];
  const record = values as unknown as Record<string, unknown>;

  for (const key of Object.keys(current) as (keyof ContactFormValues)[]) {
    if (key === 'customFields') continue;
    const edited = !same(typed[key], opened[key]);
    if (edited) record[key] = typed[key];
    if (same(current[key], opened[key])) continue;
    const clash = edited && !same(typed[key], current[key]);
    otherChanges.push({ field: key, from: opened[key], to: current[key], ...(clash ? { typed: typed[key] } : {}) });
  }

  const customKeys = new Set([
    ...Object.keys(opened.customFields),
    ...Object.keys(typed.customFields),
    ...Object.keys(current.customFields),
  ] as CustomFieldKey[]);
  for (const key of customKeys) {
    const edited = !same(typed.customFields[key], opened.customFields[key]);
    if (edited) values.customFields[key] = typed.customFields[key] ?? '';
    if (same(current.customFields[key], opened.customFields[key])) continue;
    const clash = edited && !same(typed.customFields[key], current.customFields[key]);
    otherChanges.push({
      field: `customFields.${key}`,
      from: opened.customFields[key],
      to: current.customFields[key],
      ...(clash ? { typed: typed.customFields[key] } : {}),
    });
  }
  return { values, otherChanges };
}

/** Returns the form values with one field set back to the other person's value. */
export function takeOtherValue(values: ContactFormValues, change: OtherChange): ContactFormValues {
  if (change.field.startsWith('customFields.')) {
    const key = change.field.slice('customFields.'.length) as CustomFieldKey;
    return { ...values, customFields: { ...values.customFields, [key]: (change.to as string | undefined) ?? '' } };
  }
  return { ...values, [change.field]: change.to };
}
