/** The registration form: registers in the current UI language; the page shows what happens next. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SelectField, TextField } from '@/components/fields';
import { countryOptions, isCountryCode } from '@/lib/countries';
import { toBackendLanguage } from '@/lib/languages';
import { safeNextPath } from '@/lib/session';
import { useLanguage } from '@/lib/use-language';

import type { useRegister } from '../api/register';
import { fieldErrorsOf } from '../utils';

const FORM_FIELDS = ['email', 'password', 'full_name', 'native_name', 'country'] as const;

interface RegisterFormProps {
  registration: ReturnType<typeof useRegister>;
  /** Where the learner wanted to go (`?next=`): carried in the e-mailed link. */
  next: string | null;
  /** The address to start with (an invitation's link fills it in). */
  initialEmail?: string;
}

export function RegisterForm({ registration, next, initialEmail = '' }: RegisterFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
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
      ...(safeNextPath(next, '') ? { next: safeNextPath(next, '') } : {}),
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
