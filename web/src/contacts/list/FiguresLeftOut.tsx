/**
 * The notice above a list whose address filters or sorts on account figures
 * that the user's role does not show. The list leaves those parts out, so
 * without the notice it would show more contacts than the link promised.
 */
import { Alert } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { asLocale, intlLocale } from '../../i18n/locale.ts';
import type { FigureParam } from './list-filters.ts';

/** Shows the filters and sort that the list left out of its address, and why. Renders nothing when there are none. */
export function FiguresLeftOut({ params }: { params: FigureParam[] }) {
  const { t, i18n } = useTranslation();
  if (params.length === 0) return null;
  const names = params.map((param) => {
    const name = param === 'balanceSort' ? t('contactList.figuresLeftOut.balanceSort') : t(`contactList.filters.${param}`);
    return t('contactList.figuresLeftOut.quoted', { name });
  });
  const list = new Intl.ListFormat(intlLocale(asLocale(i18n.language) ?? 'fr'), { type: 'conjunction' }).format(names);
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconEyeOff size={18} />}
      py={6}
      title={t('contactList.figuresLeftOut.title')}
      data-testid="figures-left-out"
    >
      {t('contactList.figuresLeftOut.text', { names: list })}
    </Alert>
  );
}
