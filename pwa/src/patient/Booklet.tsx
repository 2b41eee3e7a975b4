// The booklet, readable offline from the cached bundle: sections, a simple search, the text size
// control, and one page at a time.

import { useState } from 'preact/hooks';
import { fillPlaceholders, formatDate, t, type MessageKey } from '../i18n';
import { fold, renderMarkdown } from '../lib/markdown';
import { placeholderValues } from '../lib/numbers';
import type { Route } from '../lib/router';
import { currentPerson, useStore } from '../lib/store';
import { setTextSize, SIZES, textSize, type TextSize } from '../lib/textsize';
import type { BookletPage as Page } from '../lib/types';
import { Shell } from '../ui';

const SECTIONS = ['understand', 'watch', 'after-effects', 'follow-up', 'rights', 'family', 'children'];

export function TextSizeControl() {
  const [size, setSize] = useState<TextSize>(textSize());
  return (
    <div class="textsize" role="group" aria-label={t('textsize.label')}>
      <span aria-hidden="true">{t('textsize.label')}</span>
      {SIZES.map((n) => (
        <button
          type="button"
          class={`chip textsize-${n}`}
          aria-pressed={size === n}
          aria-label={t(`textsize.${n}` as MessageKey)}
          onClick={() => {
            setTextSize(n);
            setSize(n);
          }}
        >
          A
        </button>
      ))}
    </div>
  );
}

function sectionTitle(id: string): string {
  const key = `section.${id}` as MessageKey;
  const text = t(key);
  return text === key ? id : text;
}

function ordered(pages: Page[]): Page[] {
  const rank = (p: Page): number => {
    const i = SECTIONS.indexOf(p.section);
    return i === -1 ? SECTIONS.length : i;
  };
  return [...pages].sort((a, b) => rank(a) - rank(b) || a.order - b.order);
}

export function Booklet(props: { route: Route }) {
  const s = useStore();
  const [query, setQuery] = useState('');
  const pages = ordered(s.bundle?.booklet ?? []);
  const q = fold(query.trim());
  const found = q ? pages.filter((p) => fold(`${p.title} ${p.summary} ${p.body}`).includes(q)) : pages;
  const sections = [...new Set(found.map((p) => p.section))];
  return (
    <Shell route={props.route} title={t('booklet.title')} hideNav={!s.user}>
      <TextSizeControl />
      <a class="button warn" href="/guidance">
        {t('booklet.guidanceLink')}
      </a>
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="booklet-search">{t('booklet.search')}</label>
        <input
          id="booklet-search"
          type="search"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          aria-describedby="search-count"
        />
      </form>
      <p id="search-count" class="hint" aria-live="polite">
        {q ? t('booklet.found', { n: found.length }) : ''}
      </p>
      {!s.bundle && <p>{s.online ? t('status.loading') : t('booklet.offlineEmpty')}</p>}
      {sections.map((section) => (
        <section aria-labelledby={`section-${section}`}>
          <h2 id={`section-${section}`}>{sectionTitle(section)}</h2>
          <ul class="plain page-list">
            {found
              .filter((p) => p.section === section)
              .map((p) => (
                <li>
                  <a class="page-link" href={`/booklet/${encodeURIComponent(p.id)}`}>
                    <span class="page-title">{p.title}</span>
                    <span class="page-summary">{p.summary}</span>
                  </a>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {!s.user && (
        <a class="button" href="/signin">
          {t('signin.title')}
        </a>
      )}
    </Shell>
  );
}

export function BookletPage(props: { route: Route; id: string }) {
  const s = useStore();
  const pages = ordered(s.bundle?.booklet ?? []);
  const index = pages.findIndex((p) => p.id === props.id);
  const page = pages[index];
  if (!page) {
    return (
      <Shell route={props.route} title={t('booklet.missing')} hideNav={!s.user}>
        <a class="button" href="/booklet">
          {t('booklet.back')}
        </a>
      </Shell>
    );
  }
  const values = placeholderValues(s.bundle, currentPerson(s));
  const fill = (text: string): string => fillPlaceholders(text, values);
  const prev = pages[index - 1];
  const next = pages[index + 1];
  return (
    <Shell route={props.route} title={page.title} hideNav={!s.user}>
      <TextSizeControl />
      <article class="prose">{renderMarkdown(page.body, fill)}</article>
      <p class="source">{t('booklet.source', { source: page.source, date: formatDate(page.reviewed_on) })}</p>
      <nav class="pager" aria-label={t('booklet.pager')}>
        {prev && (
          <a class="button" href={`/booklet/${encodeURIComponent(prev.id)}`} rel="prev">
            <span aria-hidden="true">← </span>
            {prev.title}
          </a>
        )}
        {next && (
          <a class="button" href={`/booklet/${encodeURIComponent(next.id)}`} rel="next">
            {next.title}
            <span aria-hidden="true"> →</span>
          </a>
        )}
      </nav>
      <a class="button" href="/booklet">
        {t('booklet.back')}
      </a>
    </Shell>
  );
}
