/**
 * The navigation menu, one section per domain. A new domain adds its section
 * here; `visible` hides entries the user's permissions do not open.
 */
import {
  IconAdjustments,
  IconAlarm,
  IconBuildingStore,
  IconChartBar,
  IconCopy,
  IconFileImport,
  IconForms,
  IconHistory,
  IconMail,
  IconMessage,
  IconMapPin,
  IconReceipt,
  IconShoppingCart,
  IconTruck,
  IconUsers,
  IconUserShield,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Session } from '../api/types.ts';
import { can, canView } from '../auth/session-context.tsx';
import { catalogueNavigation } from '../pricing/navigation.ts';

export interface NavEntry {
  to: string;
  labelKey: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  visible: (session: Session) => boolean;
  /** Test for the current screen; without it, the entry is current when the path starts with `to`. */
  current?: (pathname: string, search: URLSearchParams) => boolean;
}

/** The sales import shares the import wizard's path but belongs to the sales. */
const isSalesImport = (pathname: string, search: URLSearchParams) => pathname.startsWith('/import') && search.get('kind') === 'sales';

export interface NavSection {
  labelKey: string;
  entries: NavEntry[];
}

export const navigation: NavSection[] = [
  {
    labelKey: 'nav.contacts',
    entries: [
      { to: '/customers', labelKey: 'nav.customers', icon: IconUsers, visible: (s) => canView(s, 'customer') },
      { to: '/suppliers', labelKey: 'nav.suppliers', icon: IconTruck, visible: (s) => canView(s, 'supplier') },
      {
        to: '/contacts/duplicates',
        labelKey: 'duplicates.title',
        icon: IconCopy,
        visible: (s) => canView(s, 'customer') || canView(s, 'supplier'),
      },
      {
        to: '/import',
        labelKey: 'transferNav.import',
        icon: IconFileImport,
        visible: (s) => can(s, 'customer.create') || can(s, 'supplier.create') || can(s, 'customer.update') || can(s, 'supplier.update'),
        current: (pathname, search) => pathname.startsWith('/import') && !isSalesImport(pathname, search),
      },
    ],
  },
  {
    labelKey: 'ledgerNav.section',
    entries: [
      { to: '/dashboard', labelKey: 'ledgerNav.dashboard', icon: IconChartBar, visible: (s) => can(s, 'ledger.view') },
      {
        to: '/sales',
        labelKey: 'ledgerNav.sales',
        icon: IconReceipt,
        visible: (s) => can(s, 'ledger.view') && canView(s, 'customer'),
        current: (pathname, search) => pathname.startsWith('/sales') || isSalesImport(pathname, search),
      },
      {
        to: '/purchases',
        labelKey: 'ledgerNav.purchases',
        icon: IconShoppingCart,
        // The server leaves out purchases from suppliers the user may not view, so the list would stay empty.
        visible: (s) => can(s, 'ledger.view') && canView(s, 'supplier'),
      },
    ],
  },
  catalogueNavigation,
  {
    labelKey: 'msgNav.section',
    entries: [
      { to: '/messages/history', labelKey: 'msgNav.history', icon: IconHistory, visible: (s) => can(s, 'message.send') },
      { to: '/messages/templates', labelKey: 'msgNav.templates', icon: IconMessage, visible: (s) => can(s, 'message.templates') },
      { to: '/messages/reminders', labelKey: 'msgNav.reminders', icon: IconAlarm, visible: (s) => can(s, 'message.settings') },
      { to: '/messages/channels', labelKey: 'msgNav.channels', icon: IconMail, visible: (s) => can(s, 'message.settings') },
    ],
  },
  {
    labelKey: 'nav.settings',
    entries: [
      { to: '/settings/business', labelKey: 'nav.business', icon: IconBuildingStore, visible: (s) => can(s, 'settings.manage') },
      { to: '/settings/locations', labelKey: 'nav.locations', icon: IconMapPin, visible: (s) => can(s, 'settings.manage') },
      { to: '/settings/users', labelKey: 'nav.usersAndRoles', icon: IconUserShield, visible: (s) => can(s, 'users.manage') },
      { to: '/settings/custom-fields', labelKey: 'nav.customFields', icon: IconForms, visible: (s) => can(s, 'settings.manage') },
    ],
  },
];

export const settingsIcon = IconAdjustments;

/** Returns the first screen this user may open, for the home redirect. */
export function homePath(session: Session): string {
  for (const section of navigation) {
    const entry = section.entries.find((e) => e.visible(session));
    if (entry) return entry.to;
  }
  return '/account';
}
