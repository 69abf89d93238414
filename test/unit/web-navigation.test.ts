import { describe, expect, it } from 'vitest';
import type { Session } from '../../web/src/api/types.ts';
import { navigation } from '../../web/src/layout/navigation.tsx';

// Permissions of the standard roles, as a new business gets them.
const cashier = ['customer.view', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view', 'message.send'];
const salesperson = ['customer.view_own', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view', 'message.send'];
const supplierClerk = ['supplier.view', 'purchase.create', 'payment.create', 'ledger.view'];

function sessionWith(permissions: string[]): Session {
  return {
    user: { id: 'u1', name: 'Chloé', email: 'chloe@exemple.fr', locale: 'fr' },
    business: {} as Session['business'],
    permissions,
    isAdmin: false,
    csrfToken: 'csrf',
    locations: [],
    defaultLocationId: null,
  };
}

function visiblePaths(permissions: string[]): string[] {
  const session = sessionWith(permissions);
  return navigation.flatMap((section) => section.entries.filter((entry) => entry.visible(session)).map((entry) => entry.to));
}

describe('navigation by role', () => {
  it('hides purchases from a cashier', () => {
    const paths = visiblePaths(cashier);
    expect(paths).toContain('/sales');
    expect(paths).not.toContain('/suppliers');
    expect(paths).not.toContain('/purchases');
  });

  it('hides purchases from a salesperson', () => {
    const paths = visiblePaths(salesperson);
    expect(paths).toContain('/sales');
    expect(paths).not.toContain('/purchases');
  });

  it('hides sales from a user who sees only suppliers', () => {
    const paths = visiblePaths(supplierClerk);
    expect(paths).toContain('/purchases');
    expect(paths).not.toContain('/sales');
  });
});
