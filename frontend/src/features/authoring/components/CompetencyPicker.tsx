/** Choose the course's competencies from the framework, grouped by domain, with a filter. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { useLanguage } from '@/lib/use-language';

import { useCompetencies } from '../api/list-competencies';
import { CheckboxInput, TextInput } from './inputs';

import './editor.css';
import './CompetencyPicker.css';

export function CompetencyPicker({
  selected,
  onChange,
}: {
  selected: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const competencies = useCompetencies(language);
  const [filter, setFilter] = useState('');

  if (competencies.isPending) return <LoadingState />;
  if (competencies.isError)
    return <RequestError error={competencies.error} onRetry={() => void competencies.refetch()} />;
  const needle = filter.trim().toLowerCase();
  const domains = competencies.data.filter((item) => item.parent === null);
  return (
    <fieldset className="competency-picker">
      <legend>{t('studio.competencies')}</legend>
      <TextInput label={t('studio.filterCompetencies')} value={filter} onChange={setFilter} />
      {domains.map((domain) => {
        const children = competencies.data.filter(
          (item) =>
            item.parent === domain.code &&
            (!needle || `${item.code} ${item.name} ${domain.name}`.toLowerCase().includes(needle)),
        );
        if (children.length === 0) return null;
        return (
          <div key={domain.code} className="competency-picker__domain">
            <p className="competency-picker__domain-name">{domain.name}</p>
            {children.map((item) => (
              <CheckboxInput
                key={item.code}
                label={
                  <>
                    <span className="monospace">{item.code}</span> {item.name}
                  </>
                }
                checked={selected.includes(item.code)}
                onChange={(checked) => {
                  onChange(
                    checked
                      ? [...selected, item.code]
                      : selected.filter((code) => code !== item.code),
                  );
                }}
              />
            ))}
          </div>
        );
      })}
    </fieldset>
  );
}
