import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * A whole HTML document from a component tree. Every string reaches the output through the renderer, which escapes
 * text and attribute values: portal-supplied text (titles, evidence, URLs) cannot become markup.
 */
export const renderDocument = (tree: VNode): string => `<!doctype html>\n${renderToString(tree)}\n`;

/** A fragment of HTML (no doctype), e.g. for a test or an email part. */
export const renderFragment = (tree: VNode): string => renderToString(tree);
