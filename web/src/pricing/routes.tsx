/** The catalogue, pricing and loyalty screens, by URL; App mounts them inside the signed-in layout. */
import { lazy } from 'react';
import { Route } from 'react-router';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const ProductsPage = named(() => import('./ProductsPage.tsx'), 'ProductsPage');
const PriceGroupsPage = named(() => import('./PriceGroupsPage.tsx'), 'PriceGroupsPage');
const CustomerGroupsPage = named(() => import('./CustomerGroupsPage.tsx'), 'CustomerGroupsPage');
const SalesByGroupPage = named(() => import('./SalesByGroupPage.tsx'), 'SalesByGroupPage');
const LoyaltySettingsPage = named(() => import('../loyalty/LoyaltySettingsPage.tsx'), 'LoyaltySettingsPage');

export const catalogueRoutes = (
  <>
    <Route path="catalogue/products" element={<ProductsPage />} />
    <Route path="catalogue/price-groups" element={<PriceGroupsPage />} />
    <Route path="catalogue/customer-groups" element={<CustomerGroupsPage />} />
    <Route path="catalogue/loyalty" element={<LoyaltySettingsPage />} />
    <Route path="reports/sales-by-customer-group" element={<SalesByGroupPage />} />
  </>
);
