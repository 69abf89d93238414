import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyPanel } from './EmptyPanel.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyPanel
      icon={<IconMapQuestion size={28} />}
      title={t('errors.pageNotFound')}
      description={t('errors.pageNotFoundHint')}
      action={
        <Button component={Link} to="/">
          {t('common.home')}
        </Button>
      }
    />
  );
}
