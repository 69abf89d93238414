import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';

/** Shows a settings page only to users with its permission. */
export function SettingsGuard({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (!can(useSession(), permission)) {
    return <EmptyPanel icon={<IconLock size={28} />} title={t('errors.noAccess')} description={t('errors.noAccessHint')} />;
  }
  return children;
}
