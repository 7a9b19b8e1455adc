// Text that ends up in HTML the page builds itself (an ECharts tooltip `formatter` function returns an
// HTML string, shown with innerHTML). Whatever people typed — question stems, names of workers,
// organisations and work types — goes through escapeHtml first, so it is shown as text, never parsed.
// (ECharts' own string templates such as '{b}: {c}' and its default tooltips encode their values
// already; a formatter function has to do it itself.)

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** The text with & < > " ' as HTML entities; null and undefined become ''. */
export function escapeHtml(value) {
  return value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ENTITIES[c])
}
