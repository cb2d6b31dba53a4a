import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from './useDebounced.js';

/** A query-string value if it is one of `allowed`, else '' (a hand-edited or outdated URL). */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/**
 * List filters kept in the URL's query string, so a filtered list can be bookmarked, shared and
 * reloaded. `read` turns the query string into typed filters (ignoring unknown values); `update`
 * writes some of them back (an empty value removes the parameter).
 */
export function useUrlFilters<T extends Record<string, string>>(read: (params: URLSearchParams) => T) {
  const [params, setParams] = useSearchParams();
  const filters = read(params);
  const update = (patch: Partial<T>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch) as [string, string | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, update };
}

/**
 * The text of a search box whose value lives in the URL: typing updates the box at once and the
 * URL once typing pauses; a change of the URL from elsewhere (Clear filters, Back) shows in the box.
 */
export function useDebouncedSearch(urlValue: string, write: (text: string) => void, ms = 300): [string, (text: string) => void] {
  const [text, setText] = useState(urlValue);
  const settled = useDebounced(text.trim(), ms);
  const [seen, setSeen] = useState(urlValue);
  if (urlValue !== seen) {
    setSeen(urlValue);
    if (urlValue !== settled) setText(urlValue);
  }
  useEffect(() => {
    if (settled !== urlValue) write(settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the typed text settles
  }, [settled]);
  return [text, setText];
}
