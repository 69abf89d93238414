import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale, Session } from '../api/types.ts';
import { sessionKey, useSaveLocale } from '../auth/api.ts';
import { applyLocale, currentLocale, rememberChoiceBeforeSignIn } from '../i18n/index.ts';

/** FR | EN switch: changes texts, number, money and date formats, and saves the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const saveLocale = useSaveLocale();
  const value = i18n.language === 'en' ? 'en' : 'fr';

  const change = async (next: string) => {
    const locale = next as Locale;
    if (locale === currentLocale()) return;
    await applyLocale(locale);
    const session = client.getQueryData<Session | null>(sessionKey);
    if (session) saveLocale.mutate(locale);
    else rememberChoiceBeforeSignIn(locale);
    // Lists and details carry server-worded messages, so they are fetched again in the new language.
    // The invalidation would keep a first fetch still in flight, sent in the old language, so it is cancelled first.
    const hasServerMessages = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== 'session';
    await client.cancelQueries({ predicate: hasServerMessages });
    await client.invalidateQueries({ predicate: hasServerMessages });
  };

  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={value}
      onChange={change}
      data={[
        { value: 'fr', label: <span title={t('language.fr')}>FR</span> },
        { value: 'en', label: <span title={t('language.en')}>EN</span> },
      ]}
    />
  );
}
