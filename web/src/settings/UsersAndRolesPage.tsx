/** Users and roles, as two tabs of one settings page. */
import { Tabs } from '@mantine/core';
import { IconShieldLock, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../layout/PageHeader.tsx';
import { RolesTab } from './RolesTab.tsx';
import { SettingsGuard } from './SettingsGuard.tsx';
import { UsersTab } from './UsersTab.tsx';

export function UsersAndRolesPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const active = tab === 'roles' ? 'roles' : 'users';

  return (
    <SettingsGuard permission="users.manage">
      <PageHeader title={t('settings.users.pageTitle')} description={t('settings.users.pageDescription')} />
      <Tabs
        value={active}
        onChange={(value) => navigate(value === 'roles' ? '/settings/users/roles' : '/settings/users')}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            {t('settings.users.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="roles" leftSection={<IconShieldLock size={16} />}>
            {t('settings.roles.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RolesTab />
        </Tabs.Panel>
      </Tabs>
    </SettingsGuard>
  );
}
