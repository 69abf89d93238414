import { describe, expect, it } from 'vitest';
import { rebaseValues, takeOtherValue } from '../../web/src/contacts/form/rebase.ts';
import { type ContactFormValues, emptyValues } from '../../web/src/contacts/form/values.ts';

const opened: ContactFormValues = {
  ...emptyValues('customer', 'FR'),
  firstName: 'Agathe',
  mobile: '06 12 34 56 01',
  city: 'Nantes',
  assignedUserIds: ['u1'],
  customFields: { custom1: 'bleu', custom2: 'rond' },
};

describe('contact form rebase', () => {
  it('keeps edits and takes other changes', () => {
    const typed = { ...opened, city: 'Quimper', zipCode: '29000', customFields: { ...opened.customFields, custom1: 'vert' } };
    const current = { ...opened, city: 'Brest', email: 'agathe@example.fr', customFields: { ...opened.customFields, custom2: 'carré' } };
    const { values, otherChanges } = rebaseValues(opened, typed, current);

    expect(values.city).toBe('Quimper');
    expect(values.zipCode).toBe('29000');
    expect(values.email).toBe('agathe@example.fr');
    expect(values.customFields).toEqual({ custom1: 'vert', custom2: 'carré' });
    expect(otherChanges).toEqual([
      { field: 'email', from: '', to: 'agathe@example.fr' },
      { field: 'city', from: 'Nantes', to: 'Brest', typed: 'Quimper' },
      { field: 'customFields.custom2', from: 'rond', to: 'carré' },
    ]);
  });

  it('same edit on both sides is no clash', () => {
    const typed = { ...opened, city: 'Brest' };
    const current = { ...opened, city: 'Brest' };
    const { values, otherChanges } = rebaseValues(opened, typed, current);
    expect(values.city).toBe('Brest');
    expect(otherChanges).toEqual([{ field: 'city', from: 'Nantes', to: 'Brest' }]);
  });

  it('compares user lists in any order', () => {
    const typed = { ...opened, assignedUserIds: ['u1'] };
    const current = { ...opened, assignedUserIds: ['u2', 'u1'] };
    const reordered = { ...opened, assignedUserIds: ['u1'] };
    expect(rebaseValues(opened, typed, current).values.assignedUserIds).toEqual(['u2', 'u1']);
    expect(rebaseValues(opened, typed, reordered).otherChanges).toEqual([]);
  });

  it('clears a custom field the other user emptied', () => {
    const current = { ...opened, customFields: { custom1: 'bleu' } };
    const { values, otherChanges } = rebaseValues(opened, opened, current);
    expect(values.customFields).toEqual({ custom1: 'bleu' });
    expect(otherChanges).toEqual([{ field: 'customFields.custom2', from: 'rond', to: undefined }]);
  });

  it('takes the saved value back', () => {
    const typed = { ...opened, city: 'Quimper', customFields: { ...opened.customFields, custom2: 'ovale' } };
    expect(takeOtherValue(typed, { field: 'city', from: 'Nantes', to: 'Brest', typed: 'Quimper' }).city).toBe('Brest');
    const custom = takeOtherValue(typed, { field: 'customFields.custom2', from: 'rond', to: 'carré', typed: 'ovale' });
    expect(custom.customFields).toEqual({ custom1: 'bleu', custom2: 'carré' });
  });
});
