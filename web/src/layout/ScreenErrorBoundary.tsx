/**
 * Catches an error thrown while a screen loads or renders, so the frame
 * around it stays and the user gets a way out instead of a blank page. The
 * usual cause is a screen whose code a newer build has replaced, when the
 * page could not reload itself (see main.tsx).
 */
import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from './EmptyPanel.tsx';

interface State {
  failed: boolean;
}

/** Renders `children`, or a notice with a reload button once they throw. Give it a `key` per address, so another screen starts afresh. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A screen failed to load or render', error);
  }

  override render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}

function ScreenFailed() {
  const { t } = useTranslation();
  return (
    <EmptyPanel
      icon={<IconRefresh size={28} />}
      title={t('errors.screenFailed')}
      description={t('errors.screenFailedHint')}
      action={
        <Button onClick={() => window.location.reload()} leftSection={<IconRefresh size={16} />}>
          {t('errors.reloadPage')}
        </Button>
      }
    />
  );
}
