import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';

/** Shows a messages screen only to users holding one of `permissions`. */
export function MessagesGuard({ permissions, children }: { permissions: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!permissions.some((permission) => can(session, permission))) {
    return <EmptyPanel icon={<IconLock size={28} />} title={t('errors.noAccess')} description={t('errors.noAccessHint')} />;
  }
  return children;
}
