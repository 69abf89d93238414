/**
 * The list's address after a change: a view changed down to no filter,
 * search or sort keeps `filters=none` beside it, and any other address goes
 * without that parameter. For a user without ledger.view, the list names
 * the figure filters and balance sort that it leaves out of its address.
 */
import { describe, expect, it } from 'vitest';
import { figureParamsIn, markEmptiedView, withoutFigures } from '../../web/src/contacts/list/list-filters.ts';

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
