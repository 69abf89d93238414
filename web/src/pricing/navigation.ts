/** The catalogue section of the menu: products, price groups, customer groups, loyalty and the group report. */
import { IconChartPie, IconGift, IconPackage, IconTags, IconUsersGroup } from '@tabler/icons-react';
import { can } from '../auth/session-context.tsx';
import type { NavSection } from '../layout/navigation.tsx';

export const catalogueNavigation: NavSection = {
  labelKey: 'pricing.nav.section',
  entries: [
    {
      to: '/catalogue/products',
      labelKey: 'pricing.nav.products',
      icon: IconPackage,
      visible: (s) => can(s, 'product.manage') || can(s, 'sale.create'),
    },
    { to: '/catalogue/price-groups', labelKey: 'pricing.nav.priceGroups', icon: IconTags, visible: (s) => can(s, 'pricing.manage') },
    {
      to: '/catalogue/customer-groups',
      labelKey: 'pricing.nav.customerGroups',
      icon: IconUsersGroup,
      visible: (s) => can(s, 'pricing.manage'),
    },
    { to: '/catalogue/loyalty', labelKey: 'pricing.nav.loyalty', icon: IconGift, visible: (s) => can(s, 'loyalty.settings') },
    {
      to: '/reports/sales-by-customer-group',
      labelKey: 'pricing.nav.salesByGroup',
      icon: IconChartPie,
      // The report covers every customer, so it needs customer.view, not only customer.view_own.
      visible: (s) => can(s, 'ledger.view') && can(s, 'customer.view'),
    },
  ],
};
