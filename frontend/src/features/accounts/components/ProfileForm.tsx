/** Edits the name printed on certificates, the native-script name, preferred language and country. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SelectField, TextField } from '@/components/fields';
import { SuccessBanner } from '@/components/SuccessBanner';
import { countryOptions, isCountryCode } from '@/lib/countries';
import { changeLanguage } from '@/lib/i18n';
import {
  fromBackendLanguage,
  LANGUAGES,
  SUPPORTED_LANGUAGES,
  toBackendLanguage,
} from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

import { useUpdateMe } from '../api/update-me';
import type { Me, ProfileUpdate } from '../types';
import { fieldErrorsOf } from '../utils';

const FORM_FIELDS = ['full_name', 'native_name', 'preferred_language', 'country'] as const;

/**
 * Only the fields the user edited are kept here and sent, so a change saved elsewhere meanwhile
 * (the language switcher in the header) is shown and never overwritten with a stale value.
 */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const update = useUpdateMe();
  const [edits, setEdits] = useState<ProfileUpdate>({});

  const values = {
    full_name: edits.full_name ?? me.full_name,
    native_name: edits.native_name ?? me.native_name,
    preferred_language: edits.preferred_language ?? me.preferred_language,
    country: edits.country ?? me.country,
    is_name_in_credentials: edits.is_name_in_credentials ?? me.is_name_in_credentials,
  };

  function edit(changes: ProfileUpdate) {
    update.reset();
    setEdits((previous) => ({ ...previous, ...changes }));
  }

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: ProfileUpdate = { ...edits };
    if (body.full_name !== undefined) body.full_name = body.full_name.trim();
    if (body.native_name !== undefined) body.native_name = body.native_name.trim();
    update.mutate(body, {
      onSuccess: (saved) => {
        setEdits({});
        // Choosing a language on the profile is choosing it for this page too.
        const savedLanguage = fromBackendLanguage(saved.preferred_language);
        if (savedLanguage !== language) void changeLanguage(savedLanguage);
      },
    });
  }

  const errorsFor = (field: string) => fieldErrorsOf(update.error, field);

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <ErrorBanner error={update.error} shownFields={FORM_FIELDS} />
      {update.isSuccess && <SuccessBanner>{t('profile.saved')}</SuccessBanner>}
      <TextField
        id="full_name"
        autoComplete="name"
        label={t('fields.fullName')}
        hint={t('fields.fullNameHint')}
        value={values.full_name}
        onValueChange={(value) => {
          edit({ full_name: value });
        }}
        errors={errorsFor('full_name')}
      />
      <TextField
        id="native_name"
        label={t('fields.nativeName')}
        hint={t('fields.nativeNameHint')}
        value={values.native_name}
        onValueChange={(value) => {
          edit({ native_name: value });
        }}
        errors={errorsFor('native_name')}
        isOptional
      />
      <SelectField
        id="preferred_language"
        label={t('fields.preferredLanguage')}
        value={values.preferred_language}
        onValueChange={(value) => {
          const match = SUPPORTED_LANGUAGES.find((item) => toBackendLanguage(item) === value);
          if (match) edit({ preferred_language: toBackendLanguage(match) });
        }}
        options={SUPPORTED_LANGUAGES.map((item) => ({
          value: toBackendLanguage(item),
          label: LANGUAGES[item].nativeName,
          lang: item,
        }))}
        errors={errorsFor('preferred_language')}
      />
      <SelectField
        id="country"
        autoComplete="country"
        label={t('fields.country')}
        value={values.country}
        onValueChange={(value) => {
          edit({ country: isCountryCode(value) ? value : '' });
        }}
        options={[
          { value: '', label: t('fields.countryNone') },
          ...countryOptions(language).map(({ code, name }) => ({ value: code, label: name })),
        ]}
        errors={errorsFor('country')}
        isOptional
      />
      <div className="field">
        <div className="choice">
          <input
            id="is_name_in_credentials"
            type="checkbox"
            checked={values.is_name_in_credentials}
            onChange={(event) => {
              edit({ is_name_in_credentials: event.target.checked });
            }}
            aria-describedby="is_name_in_credentials-hint"
          />
          <label htmlFor="is_name_in_credentials">{t('profile.nameInCredentials')}</label>
        </div>
        <p className="field__hint" id="is_name_in_credentials-hint">
          {t('profile.nameInCredentialsHint')}
        </p>
      </div>
      <button className="button button--primary" type="submit" disabled={update.isPending}>
        {update.isPending ? t('profile.saving') : t('profile.save')}
      </button>
    </form>
  );
}
