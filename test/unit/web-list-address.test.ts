/**
 * The list's address after a change: a view changed down to no filter,
 * search or sort keeps `filters=none` beside it, and any other address goes
 * without that parameter. For a user without ledger.view, the list names
 * the figure filters and balance sort that it leaves out of its address.
 * The search text of an address drops the characters the server rejects,
 * and a chip is invalid when the list does not apply its value as written.
 */
import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  figureParamsIn,
  isValidFilter,
  markEmptiedView,
  searchOf,
  withoutFigures,
} from '../../web/src/contacts/list/list-filters.ts';

const written = (address: string) => markEmptiedView(new URLSearchParams(address)).toString();

describe('markEmptiedView', () => {
  it('marks a view left alone', () => {
    expect(written('view=v1')).toBe('view=v1&filters=none');
    expect(written('view=v1&filters=none')).toBe('view=v1&filters=none');
  });

  it('drops the mark beside a filter, search or sort', () => {
    expect(written('view=v1&filters=none&overdue=true')).toBe('view=v1&overdue=true');
    expect(written('filters=none&view=v1&q=roux')).toBe('view=v1&q=roux');
    expect(written('view=v1&sort=code&order=asc&filters=none')).toBe('view=v1&sort=code&order=asc');
  });

  it('leaves an address without a view unmarked', () => {
    expect(written('')).toBe('');
    expect(written('filters=none')).toBe('');
    expect(written('status=all')).toBe('status=all');
  });
});

describe('figureParamsIn', () => {
  it('lists figure filters in menu order, then the balance sort', () => {
    const params = new URLSearchParams('hasAdvance=false&q=dupont&overdue=true&sort=balance&order=desc&status=all');
    expect(figureParamsIn(params)).toEqual(['overdue', 'hasAdvance', 'balanceSort']);
  });

  it('lists what withoutFigures removes', () => {
    const params = new URLSearchParams('hasReceivableDue=true&overCreditLimit=true&sort=balance&customerGroupId=g1');
    const kept = withoutFigures(params);
    expect(figureParamsIn(kept)).toEqual([]);
    expect(kept.toString()).toBe('customerGroupId=g1');
  });

  it('ignores other sorts and empty values', () => {
    expect(figureParamsIn(new URLSearchParams('sort=name&order=asc&overdue='))).toEqual([]);
  });
});

describe('searchOf', () => {
  it('reads control characters as spaces', () => {
    expect(searchOf(new URLSearchParams('q=%01x'))).toBe('x');
    expect(searchOf(new URLSearchParams('q=roux%00%7Fmartin'))).toBe('roux martin');
    expect(searchOf(new URLSearchParams('q=a%E2%80%AEb'))).toBe('a b');
    expect(searchOf(new URLSearchParams('q=%01'))).toBe('');
  });

  it('keeps an ordinary search', () => {
    expect(searchOf(new URLSearchParams('q=%20Roux%20'))).toBe('Roux');
    expect(searchOf(new URLSearchParams('q=L%E2%80%99H%C3%B4te'))).toBe('L’Hôte');
    expect(searchOf(new URLSearchParams(''))).toBe('');
  });
});

describe('isValidFilter', () => {
  const validity = (address: string) =>
    Object.fromEntries(activeFilters(new URLSearchParams(address)).map((chip) => [chip.field ?? chip.id, isValidFilter(chip)]));

  it('marks values the list does not apply', () => {
    expect(validity('overdue=maybe&hasAdvance=1&status=archived&type=customer')).toEqual({
      overdue: false,
      hasAdvance: false,
      status: false,
      type: false,
    });
    expect(validity('noSaleSince=2024-02-30&createdFrom=2024-01-01&createdTo=2024-13-01&birthdayFrom=02-30')).toEqual({
      noSaleSince: false,
      created: false,
      birthday: false,
    });
  });

  it('accepts values the list applies', () => {
    expect(validity('overdue=true&hasAdvance=false&status=all&type=both')).toEqual({
      overdue: true,
      hasAdvance: true,
      status: true,
      type: true,
    });
    expect(validity('noSaleSince=2024-02-29&birthdayFrom=12-20&birthdayTo=1990-01-10&customField[custom1]=vip')).toEqual({
      noSaleSince: true,
      birthday: true,
      custom1: true,
    });
  });
});
