/**
 * Markdown written by planners, rendered safely: marked turns it into HTML, then DOMPurify
 * removes anything that could run (scripts, event handlers, javascript: links) and raw HTML
 * typed in the source is escaped first, so only Markdown formatting ever reaches the page.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { Typography } from '@mantine/core';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A private instance: raw HTML blocks and inline tags in the source are shown as text.
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

/** Markdown to sanitised HTML (exported for tests). */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'img'] });
}

/** Render planner Markdown as formatted text. */
export function Markdown({ source, lang }: { source: string; lang?: string }) {
  return (
    <Typography>
      {/* The HTML comes from renderMarkdown: escaped raw HTML, then sanitised. */}
      <div lang={lang} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />
    </Typography>
  );
}
