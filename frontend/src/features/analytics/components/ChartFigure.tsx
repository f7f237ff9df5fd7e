/**
 * One chart with its title, the same numbers as a table (for screen readers and for reading exact
 * values), and a CSV download of exactly those numbers.
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { toCsv } from '@/lib/csv';
import { saveFile } from '@/lib/http';

import './ChartFigure.css';

export interface ChartTable {
  header: string[];
  rows: (string | number | null)[][];
}

interface ChartFigureProps {
  title: string;
  fileName: string;
  table: ChartTable;
  children: ReactNode;
  emptyText?: string;
}

export function ChartFigure({ title, fileName, table, children, emptyText }: ChartFigureProps) {
  const { t } = useTranslation();
  const id = useId();
  const isEmpty = table.rows.length === 0;
  return (
    <figure className="card chart" aria-labelledby={id} data-testid={`chart-${fileName}`}>
      <div className="chart__header">
        <figcaption id={id} className="chart__title">
          {title}
        </figcaption>
        <button
          type="button"
          className="button button--small"
          disabled={isEmpty}
          onClick={() => {
            saveFile(toCsv(table.header, table.rows), `${fileName}.csv`, 'text/csv;charset=utf-8');
          }}
        >
          {t('analytics.downloadCsv')}
          <span className="visually-hidden"> ({title})</span>
        </button>
      </div>
      {isEmpty ? (
        <p className="muted">{emptyText ?? t('analytics.noData')}</p>
      ) : (
        <>
          <div className="chart__canvas" aria-hidden="true">
            {children}
          </div>
          <details className="chart__data">
            <summary>{t('analytics.showTable')}</summary>
            <div className="table-wrapper">
              <table className="table">
                <thead>
                  <tr>
                    {table.header.map((cell) => (
                      <th key={cell} scope="col">
                        {cell}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, index) => (
                    <tr key={index}>
                      {row.map((cell, cellIndex) => (
                        <td key={cellIndex}>{cell ?? '—'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
