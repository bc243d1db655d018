// ord's grid pages, as a collector sees a collection: /children/<parent id>[/<page>] puts up to 100 children on a page,
// each in ord's thumbnail markup (ord src/templates/iframe.rs, Iframe::thumbnail:
// `<a href=/inscription/<id>><iframe sandbox=allow-scripts scrolling=no loading=lazy src=/preview/<id>></iframe></a>`),
// inside ord's children page (templates/children.html) and with the rules of ord's static/index.css that size the
// grid: a 50rem main, four 23% cells a row (about 177 px each), square frames that take no pointer events.
// ord's header, search and fonts are left out: they are not part of what the frames cost or look like.
import { CHILDREN_PAGE_SIZE } from '../../src/chain/children';

/** The CSP of the grid page itself: its own inline style, frames from this server. */
export const GRID_CSP = "default-src 'self'; style-src 'unsafe-inline'; frame-src 'self'";

// ord's static/index.css (html, main, h1, iframe, a, .thumbnails, .center) and modern-normalize's box-sizing
const ORD_CSS = `*,::before,::after{box-sizing:border-box}
html{background-color:#131516;color:#98a3ad;font-family:system-ui,sans-serif}
body{margin:0}
main{margin:0 auto;max-width:100%;padding:0 1rem 1rem;width:50rem}
h1{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;width:100%}
h1 a,h1 a:visited{color:#a1adb8}
iframe{aspect-ratio:1/1;border:none}
a,a:visited{color:#4169e1;text-decoration:none}
.thumbnails{display:flex;flex-wrap:wrap}
.thumbnails>a{border-radius:2%;border:1px solid #222;margin:1%;overflow:hidden;width:23%}
.thumbnails>a:hover{border-color:#444}
.thumbnails iframe{height:100%;pointer-events:none;width:100%}
.center{text-align:center}`;

/** ord's Iframe::thumbnail. IDs come from the catalog (hex and i, nothing to escape). */
export const thumbnail = (id: string): string =>
  `<a href=/inscription/${id}><iframe sandbox=allow-scripts scrolling=no loading=lazy src=/preview/${id}></iframe></a>`;

export interface ChildrenPage {
  parent: string;
  /** ord's inscription number of the parent */
  parentNumber: number;
  /** every child of the parent, in inscription order */
  children: string[];
  page: number;
}

/** ord's ChildrenHtml on its page: the heading, the page's thumbnails (or "No children"), prev and next. */
export function renderChildren({ parent, parentNumber, children, page }: ChildrenPage): string {
  const ids = children.slice(page * CHILDREN_PAGE_SIZE, (page + 1) * CHILDREN_PAGE_SIZE);
  const more = children.length > (page + 1) * CHILDREN_PAGE_SIZE;
  const link = (p: number, cls: string) => `<a class=${cls} href=/children/${parent}/${p}>${cls}</a>`;
  const body = !ids.length
    ? '<h3>No children</h3>'
    : `<div class=thumbnails>\n${ids.map((id) => '  ' + thumbnail(id)).join('\n')}\n</div>\n` +
      `<div class=center>\n${page > 0 ? link(page - 1, 'prev') : 'prev'}\n${more ? link(page + 1, 'next') : 'next'}\n</div>`;
  const title = `Inscription ${parentNumber} Children`;
  return `<!doctype html>
<html lang=en>
<head>
<meta charset=utf-8>
<meta name=viewport content='width=device-width,initial-scale=1.0'>
<title>${title}</title>
<link rel=icon href=data:,>
<style>${ORD_CSS}</style>
</head>
<body>
<main>
<h1><a href=/inscription/${parent}>Inscription ${parentNumber}</a> Children</h1>
${body}
</main>
</body>
</html>
`;
}
