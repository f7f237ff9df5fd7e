/** Page links for a paginated list; each page is a real URL, so it can be shared and reopened. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

/** With more pages than this, the middle ones collapse into "…". */
const MAX_PAGE_LINKS = 7;

type PageItem = number | 'gap-start' | 'gap-end';

/** 1 … 4 5 6 … 12: the first, the last, and the current page with its neighbours. */
function pageItems(page: number, pageCount: number): PageItem[] {
  if (pageCount <= MAX_PAGE_LINKS)
    return Array.from({ length: pageCount }, (_, index) => index + 1);
  const start = Math.max(2, Math.min(page - 1, pageCount - 4));
  const end = Math.min(pageCount - 1, Math.max(page + 1, 5));
  const items: PageItem[] = [1];
  if (start > 2) items.push('gap-start');
  for (let number = start; number <= end; number += 1) items.push(number);
  if (end < pageCount - 1) items.push('gap-end');
  items.push(pageCount);
  return items;
}

export function Pagination({
  page,
  pageCount,
  searchForPage,
}: {
  page: number;
  pageCount: number;
  /** The query string (with "?") that shows `page`. */
  searchForPage: (page: number) => string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (pageCount <= 1) return null;

  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <Link className="pagination__step" to={{ search: searchForPage(page - 1) }} rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : (
        <span className="pagination__step" aria-disabled="true">
          {t('pagination.previous')}
        </span>
      )}
      <ul className="pagination__pages">
        {pageItems(page, pageCount).map((item) =>
          typeof item === 'number' ? (
            <li key={item}>
              <Link
                className="pagination__page"
                to={{ search: searchForPage(item) }}
                aria-current={item === page ? 'page' : undefined}
                aria-label={t('pagination.page', { page: formatNumber(item, language) })}
              >
                {formatNumber(item, language)}
              </Link>
            </li>
          ) : (
            <li key={item} aria-hidden="true" className="pagination__gap">
              …
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <Link className="pagination__step" to={{ search: searchForPage(page + 1) }} rel="next">
          {t('pagination.next')}
        </Link>
      ) : (
        <span className="pagination__step" aria-disabled="true">
          {t('pagination.next')}
        </span>
      )}
    </nav>
  );
}
