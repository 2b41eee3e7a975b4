// The small Markdown the booklet uses (headings, paragraphs, lists, bold, italics, links) turned
// into elements, never into HTML strings: nothing from content reaches innerHTML.

import type { ComponentChildren, VNode } from 'preact';

function inline(text: string, key = 0): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let match: RegExpExecArray | null;
  let n = key;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [, bold, em1, em2, label, url] = match;
    if (bold !== undefined) out.push(<strong key={n++}>{inline(bold, n * 100)}</strong>);
    else if (em1 !== undefined || em2 !== undefined)
      out.push(<em key={n++}>{inline((em1 ?? em2) as string, n * 100)}</em>);
    else if (label !== undefined && url !== undefined) {
      const safe = /^(https?:|mailto:|tel:|\/)/.test(url) ? url : null;
      out.push(
        safe ? (
          <a key={n++} href={safe} rel={safe.startsWith('http') ? 'noopener noreferrer' : undefined}>
            {label}
          </a>
        ) : (
          label
        ),
      );
    }
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** `fill` replaces placeholders such as {team_phone} in each piece of text. */
export function renderMarkdown(source: string, fill: (text: string) => string = (x) => x): VNode[] {
  const blocks: VNode[] = [];
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let key = 0;
  const flushParagraph = (): void => {
    if (paragraph.length) blocks.push(<p key={key++}>{inline(fill(paragraph.join(' ')))}</p>);
    paragraph = [];
  };
  const flushList = (): void => {
    if (!list) return;
    const items = list.items.map((item, i) => <li key={i}>{inline(fill(item))}</li>);
    blocks.push(list.ordered ? <ol key={key++}>{items}</ol> : <ul key={key++}>{items}</ul>);
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      // The page title is the h1: "#" and "##" inside a page are both h2.
      const level = Math.min(Math.max(heading[1]!.length, 2), 4);
      const text = inline(fill(heading[2] ?? ''));
      blocks.push(
        level === 2 ? (
          <h2 key={key++}>{text}</h2>
        ) : level === 3 ? (
          <h3 key={key++}>{text}</h3>
        ) : (
          <h4 key={key++}>{text}</h4>
        ),
      );
    } else if (bullet || numbered) {
      flushParagraph();
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) flushList();
      if (!list) list = { ordered, items: [] };
      list.items.push(((bullet ?? numbered) as RegExpExecArray)[1] ?? '');
    } else if (list && /^\s{2,}\S/.test(raw)) {
      const items: string[] = list.items;
      items[items.length - 1] += ` ${line.trim()}`;
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** Lower case without accents, for a search that forgives "epuise" for "épuisé". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
