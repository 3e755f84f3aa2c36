/** The EN/FR switch: one button naming the other language, in that language. */
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { useSwitchLanguage } from '../modules/accounts/mutations.ts';

/** Switch between English and French. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  const other = currentLocale() === 'fr' ? 'en' : 'fr';
  return (
    <Button
      variant="subtle"
      size="compact-md"
      lang={other}
      title={t('header.switchLanguage')}
      loading={switchLanguage.isPending}
      onClick={() => switchLanguage.mutate(other)}
    >
      {other === 'fr' ? 'Français' : 'English'}
    </Button>
  );
}
