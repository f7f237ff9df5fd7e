/** The registration form: creates the account in the current UI language and signs the user in. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SelectField, TextField } from '@/components/fields';
import { countryOptions, isCountryCode } from '@/lib/countries';
import { toBackendLanguage } from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

import { useRegister } from '../api/register';
import { fieldErrorsOf } from '../utils';

const FORM_FIELDS = ['email', 'password', 'full_name', 'native_name', 'country'] as const;

export function RegisterForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const registration = useRegister();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [fullName, setFullName] = useState('');
  const [nativeName, setNativeName] = useState('');
  const [country, setCountry] = useState('');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    registration.mutate({
      email: email.trim(),
      password,
      full_name: fullName.trim(),
      native_name: nativeName.trim(),
      preferred_language: toBackendLanguage(language),
      country: isCountryCode(country) ? country : '',
    });
  }

  const errorsFor = (field: string) => fieldErrorsOf(registration.error, field);

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <ErrorBanner error={registration.error} shownFields={FORM_FIELDS} />
      <TextField
        id="email"
        type="email"
        autoComplete="email"
        label={t('fields.email')}
        value={email}
        onValueChange={setEmail}
        errors={errorsFor('email')}
      />
      <TextField
        id="password"
        type="password"
        autoComplete="new-password"
        label={t('fields.password')}
        hint={t('fields.passwordHint')}
        value={password}
        onValueChange={setPassword}
        errors={errorsFor('password')}
      />
      <TextField
        id="full_name"
        autoComplete="name"
        label={t('fields.fullName')}
        hint={t('fields.fullNameHint')}
        value={fullName}
        onValueChange={setFullName}
        errors={errorsFor('full_name')}
      />
      <TextField
        id="native_name"
        label={t('fields.nativeName')}
        hint={t('fields.nativeNameHint')}
        value={nativeName}
        onValueChange={setNativeName}
        errors={errorsFor('native_name')}
        isOptional
      />
      <SelectField
        id="country"
        autoComplete="country"
        label={t('fields.country')}
        value={country}
        onValueChange={setCountry}
        options={[
          { value: '', label: t('fields.countryNone') },
          ...countryOptions(language).map(({ code, name }) => ({ value: code, label: name })),
        ]}
        errors={errorsFor('country')}
        isOptional
      />
      <button className="button button--primary" type="submit" disabled={registration.isPending}>
        {registration.isPending ? t('register.submitting') : t('register.submit')}
      </button>
    </form>
  );
}
