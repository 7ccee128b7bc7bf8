// The search page of tracuu: plain JavaScript over the JSON API, no build step.
//
// The URL is the state: /?q=…&year=…&page=… for results, /?doc=ID&q=… for a document. Every
// change pushes a URL and re-renders from it, so links can be shared and Back works.
// Text from documents is always inserted as text; only the server's snippets and highlighted
// text (already HTML-escaped, with <mark> around matches) are inserted as HTML.

const FACETS = [
  { field: 'issuer', label: 'Cơ quan ban hành' },
  { field: 'year', label: 'Năm' },
  { field: 'type', label: 'Loại văn bản' },
  { field: 'province', label: 'Tỉnh/Thành phố' },
  { field: 'directive', label: 'Văn bản viện dẫn' },
];
const FILTER_FIELDS = FACETS.map((f) => f.field);
const PAGE_SIZE = 10;
const FACET_SHOWN = 8;  // values listed before "Xem thêm"

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
};

// ---- State in the URL -------------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const field of FILTER_FIELDS) filters[field] = p.getAll(field);
  return {
    q: p.get('q') || '',
    doc: p.get('doc') || '',
    sort: p.get('sort') || 'relevance',
    page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    filters,
  };
}

function urlFor(state) {
  const p = new URLSearchParams();
  if (state.doc) p.set('doc', state.doc);
  if (state.q) p.set('q', state.q);
  for (const field of FILTER_FIELDS) for (const v of state.filters[field] || []) p.append(field, v);
  if (state.sort && state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  const query = p.toString();
  return query ? `/?${query}` : '/';
}

function navigate(state) {
  history.pushState(null, '', urlFor(state));
  render();
}

// Internal links are real hrefs (open in a new tab works); plain clicks stay in the page.
function link(href, text, attrs = {}) {
  return el('a', {
    href, text, ...attrs,
    onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      history.pushState(null, '', href);
      render();
    },
  });
}

// ---- Talking to the server --------------------------------------------------------------

let inflight = null;

async function api(path) {
  if (inflight) inflight.abort();  // a newer request makes the older answer useless
  inflight = new AbortController();
  const response = await fetch(path, { signal: inflight.signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: reported below */ }
  if (!response.ok) {
    const error = new Error(body?.error?.message || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- Formatting -------------------------------------------------------------------------

function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function dateLine(doc) {
  if (doc.date) return `ngày ${formatDate(doc.date)}`;
  if (doc.year) return doc.year_inferred ? `năm ${doc.year} (suy ra từ nội dung)` : `năm ${doc.year}`;
  return '';
}

const number = new Intl.NumberFormat('vi-VN');

// ---- Results ----------------------------------------------------------------------------

async function renderResults(state) {
  $('results-view').hidden = false;
  $('document-view').hidden = true;
  $('q').value = state.q;
  $('sort').value = state.sort;
  document.title = state.q ? `${state.q} — Tra cứu văn bản` : 'Tra cứu văn bản hành chính';
  renderChips(state);
  const p = new URLSearchParams();
  p.set('q', state.q);
  for (const field of FILTER_FIELDS) for (const v of state.filters[field]) p.append(field, v);
  p.set('sort', state.sort);
  p.set('page', String(state.page));
  p.set('size', String(PAGE_SIZE));
  p.set('facet_size', '50');
  $('summary').textContent = 'Đang tìm…';
  $('results-view').setAttribute('aria-busy', 'true');
  let result;
  try {
    result = await api(`/api/search?${p}`);
  } catch (error) {
    if (error.name === 'AbortError') return;
    showError(error);
    return;
  } finally {
    $('results-view').removeAttribute('aria-busy');
  }
  openDecade = undefined;
  renderSummary(result);
  renderDidYouMean(result, state);
  renderHits(result, state);
  renderFacets(result, state);
  renderPager(result, state);
}

// Offered, never applied: the user's query stays as typed.
function renderDidYouMean(result, state) {
  const box = $('did-you-mean');
  box.replaceChildren();
  box.hidden = !result.did_you_mean;
  if (!result.did_you_mean) return;
  const href = urlFor({ ...state, q: result.did_you_mean, page: 1, doc: '' });
  box.append('Có phải bạn muốn tìm: ', link(href, result.did_you_mean, { class: 'did-you-mean-link' }), '?');
}

function renderSummary(result) {
  const seconds = (result.took_ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 });
  const exact = result.total_exact === false ? 'khoảng ' : '';
  $('summary').textContent = `Tìm thấy ${exact}${number.format(result.total)} văn bản (${seconds} giây)`;
  const notice = $('notice');
  notice.hidden = true;
  notice.replaceChildren();
  if (result.relaxed) {
    notice.hidden = false;
    notice.append('Không có văn bản nào chứa đủ mọi từ đã gõ; dưới đây là các văn bản chứa nhiều từ nhất.');
  } else if (result.estimate) {
    notice.hidden = false;
    const what = result.total_exact ? 'số lượng ở các bộ lọc' : 'tổng số và số lượng ở các bộ lọc';
    notice.append(`Có rất nhiều văn bản khớp: ${what} được ước tính từ ` +
      `${number.format(result.estimate.sampled_matches)} văn bản khớp trong một mẫu gồm ` +
      `1/${number.format(result.estimate.sample_every)} kho văn bản.`);
  } else if (result.total_exact === false) {
    notice.hidden = false;
    notice.append('Truy vấn quá rộng nên số lượng chỉ là ước tính. Hãy thêm từ khóa hoặc bộ lọc.');
  }
}

function renderHits(result, state) {
  const list = $('hits');
  list.replaceChildren();
  list.setAttribute('start', String((state.page - 1) * PAGE_SIZE + 1));
  if (result.hits.length === 0) {
    list.append(emptyState(state));
    return;
  }
  for (const hit of result.hits) list.append(hitItem(hit, state));
}

function hitItem(hit, state) {
  const title = hit.title || '(Không có trích yếu)';
  const href = urlFor({ doc: hit.id, q: state.q, filters: {}, page: 1 });
  const meta = [hit.type, hit.number ? `Số ${hit.number}` : null, hit.issuer, dateLine(hit)]
    .filter(Boolean).join(' · ');
  const snippet = el('p', { class: 'snippet' });
  snippet.innerHTML = hit.snippet;  // server-escaped, <mark> only
  const part = hit.source.parts > 1 ? ` (phần ${hit.source.part}/${hit.source.parts})` : '';
  return el('li', { class: 'hit' },
    el('h3', { class: 'hit-title' }, link(href, title)),
    el('p', { class: 'hit-meta', text: meta }),
    snippet,
    el('p', { class: 'hit-source', text: `Tệp: ${hit.source.path.split('/').pop()}${part}` }));
}

function emptyState(state) {
  const filtered = FILTER_FIELDS.some((f) => state.filters[f].length);
  return el('li', { class: 'empty' },
    el('h3', { text: state.q ? `Không tìm thấy văn bản nào cho “${state.q}”.` : 'Không có văn bản nào.' }),
    el('p', { text: 'Bạn có thể thử:' }),
    el('ul', {},
      el('li', { text: 'gõ ít từ hơn, hoặc chỉ những từ chính của trích yếu;' }),
      el('li', { text: 'gõ không dấu (ví dụ: nong thon) nếu không chắc về dấu;' }),
      el('li', { text: 'kiểm tra lại số ký hiệu, ví dụ 03-CT/TW hoặc 634/QĐ-TTg;' }),
      filtered ? el('li', {}, 'bỏ bớt bộ lọc: ',
        el('button', { type: 'button', class: 'linklike', text: 'bỏ tất cả bộ lọc',
          onclick: () => navigate({ ...state, filters: emptyFilters(), page: 1 }) })) : null));
}

function showError(error) {
  $('summary').textContent = '';
  $('facets').replaceChildren();
  $('pager').replaceChildren();
  const notice = $('notice');
  notice.hidden = true;
  const bad = error.status === 400;
  $('hits').replaceChildren(el('li', { class: 'error', role: 'alert' },
    el('h3', { text: bad ? 'Yêu cầu tìm kiếm không hợp lệ.' : 'Không kết nối được máy chủ tra cứu.' }),
    el('p', { text: bad
      ? `Máy chủ trả lời: ${error.message}. Hãy sửa lại từ khóa hoặc bộ lọc rồi tìm lại.`
      : 'Vui lòng kiểm tra kết nối mạng và thử lại sau ít phút. Nếu lỗi vẫn còn, hãy báo bộ phận quản trị hệ thống.' }),
    el('button', { type: 'button', text: 'Thử lại', onclick: render })));
}

// ---- Facets and filters -----------------------------------------------------------------

function emptyFilters() {
  return Object.fromEntries(FILTER_FIELDS.map((f) => [f, []]));
}

function toggleFilter(state, field, value) {
  const values = state.filters[field];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  navigate({ ...state, filters: { ...state.filters, [field]: next }, page: 1 });
}

function renderChips(state) {
  const chips = $('chips');
  chips.replaceChildren();
  for (const { field, label } of FACETS) {
    for (const value of state.filters[field]) {
      chips.append(el('button', {
        type: 'button', class: 'chip', 'aria-label': `Bỏ lọc ${label}: ${value}`,
        onclick: () => toggleFilter(state, field, value),
      }, el('span', { class: 'chip-field', text: `${label}: ` }), value, el('span', { class: 'chip-x', 'aria-hidden': 'true', text: '×' })));
    }
  }
  if (chips.children.length > 1) {
    chips.append(el('button', { type: 'button', class: 'linklike', text: 'Bỏ tất cả bộ lọc',
      onclick: () => navigate({ ...state, filters: emptyFilters(), page: 1 }) }));
  }
}

let shownFacets = null;  // the result and state the facets show, to redraw them in place

function renderFacetsAgain() {
  if (shownFacets) renderFacets(shownFacets.result, shownFacets.state);
}

function renderFacets(result, state) {
  shownFacets = { result, state };
  const aside = $('facets');
  aside.replaceChildren();
  if (result.facets_exact === false) {
    aside.append(el('p', { class: 'facet-estimate', text: 'Số lượng ước tính (≈)' }));
  }
  for (const { field, label } of FACETS) {
    const values = result.facets[field] || [];
    if (values.length === 0 && state.filters[field].length === 0) continue;
    const section = el('section', { class: 'facet', 'aria-labelledby': `facet-${field}` },
      el('h2', { id: `facet-${field}`, text: label }));
    section.append(field === 'year' ? yearChart(values, state) : facetList(field, label, values, state));
    aside.append(section);
  }
}

function facetButton(field, label, value, count, state, extraClass = '') {
  const active = state.filters[field].includes(value);
  return el('button', {
    type: 'button', class: `facet-value ${extraClass}`.trim(), 'aria-pressed': String(active),
    'aria-label': `${label}: ${value}, ${number.format(count)} văn bản${active ? ', đang lọc' : ''}`,
    onclick: () => toggleFilter(state, field, value),
  }, el('span', { class: 'facet-name', text: value }), el('span', { class: 'count', text: number.format(count) }));
}

function facetList(field, label, values, state) {
  const list = el('ul', { class: 'facet-list' });
  values.forEach((v, i) => {
    const item = el('li', {}, facetButton(field, label, v.value, v.count, state));
    if (i >= FACET_SHOWN) item.hidden = true;
    list.append(item);
  });
  if (values.length <= FACET_SHOWN) return list;
  const more = el('button', { type: 'button', class: 'linklike more', 'aria-expanded': 'false',
    text: `Xem thêm (${values.length - FACET_SHOWN})`,
    onclick: () => {
      for (const item of list.children) item.hidden = false;
      more.remove();
    } });
  return el('div', {}, list, more);
}

// Counts by year as a small bar chart, oldest left; each bar filters by its year.
// Years read at a glance over any span: each year its bar when they fit, else a bar per decade;
// a decade opens on its years (where a chosen year is open already), and a year filters.
const MAX_YEAR_BARS = 12;
let openDecade;  // undefined: the decade of a chosen year, if any; null: every decade

function yearChart(values, state) {
  const years = [...values].sort((a, b) => a.value.localeCompare(b.value));
  const chosen = state.filters.year.map((y) => Math.floor(Number(y) / 10) * 10);
  const span = years.length ? Number(years[years.length - 1].value) - Number(years[0].value) + 1 : 0;
  const decade = span > MAX_YEAR_BARS
    ? (openDecade === undefined ? (chosen.length ? chosen[0] : null) : openDecade) : null;
  const chart = el('div', { class: 'year-chart', role: 'group', 'aria-label': 'Số văn bản theo năm' });
  if (span <= MAX_YEAR_BARS || decade !== null) {
    const shown = decade === null ? years
      : years.filter((y) => Math.floor(Number(y.value) / 10) * 10 === decade);
    const max = Math.max(1, ...shown.map((y) => y.count));
    for (const y of shown) {
      const button = facetButton('year', 'Năm', y.value, y.count, state, 'year-bar');
      button.prepend(barOf(y.count, max));
      chart.append(button);
    }
    if (decade === null) return chart;
    const back = el('button', { type: 'button', class: 'decades-back', text: '‹ Mọi thập niên',
      onclick: () => { openDecade = null; renderFacetsAgain(); } });
    return el('div', {}, el('p', { class: 'decade-title', text: `Thập niên ${decade}` }), chart, back);
  }
  const decades = new Map();
  for (const y of years) {
    const d = Math.floor(Number(y.value) / 10) * 10;
    decades.set(d, (decades.get(d) || 0) + y.count);
  }
  const max = Math.max(1, ...decades.values());
  for (const [d, count] of decades) {
    const button = el('button', {
      type: 'button', class: 'facet-value year-bar', 'aria-label': `Thập niên ${d}: ${number.format(count)} văn bản`,
      onclick: () => { openDecade = d; renderFacetsAgain(); },
    }, barOf(count, max), el('span', { class: 'facet-name', text: `${d}s` }),
    el('span', { class: 'count', text: number.format(count) }));
    chart.append(button);
  }
  return chart;
}

function barOf(count, max) {
  const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
  bar.style.height = `${Math.max(6, Math.round((count / max) * 100))}%`;
  return el('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar);
}

function renderPager(result, state) {
  const nav = $('pager');
  nav.replaceChildren();
  const pages = Math.min(Math.ceil(result.total / PAGE_SIZE), Math.floor(100000 / PAGE_SIZE));
  if (pages <= 1) return;
  const go = (page, text, label, current = false) => link(urlFor({ ...state, page }), text,
    { class: current ? 'page current' : 'page', 'aria-label': label, 'aria-current': current ? 'page' : null });
  if (state.page > 1) nav.append(go(state.page - 1, '‹ Trước', 'Trang trước'));
  const first = Math.max(1, state.page - 3);
  const last = Math.min(pages, first + 6);
  for (let page = first; page <= last; page++) {
    nav.append(go(page, String(page), `Trang ${page}`, page === state.page));
  }
  if (state.page < pages) nav.append(go(state.page + 1, 'Sau ›', 'Trang sau'));
}

// ---- Document view ----------------------------------------------------------------------

async function renderDocument(state) {
  $('results-view').hidden = true;
  const view = $('document-view');
  view.hidden = false;
  $('q').value = state.q;
  view.replaceChildren(el('p', { class: 'loading', text: 'Đang mở văn bản…' }));
  let doc;
  try {
    const q = state.q ? `?q=${encodeURIComponent(state.q)}` : '';
    doc = await api(`/api/documents/${encodeURIComponent(state.doc)}${q}`);
  } catch (error) {
    if (error.name === 'AbortError') return;
    view.replaceChildren(backLink(state), el('div', { class: 'error', role: 'alert' },
      el('h1', { text: error.status === 404 ? 'Không tìm thấy văn bản này.' : 'Không mở được văn bản.' }),
      el('p', { text: error.status === 404
        ? 'Văn bản có thể đã bị gỡ khỏi kho hoặc đường dẫn bị sai. Hãy tìm lại từ trang kết quả.'
        : 'Vui lòng thử lại sau ít phút; nếu lỗi vẫn còn, hãy báo bộ phận quản trị hệ thống.' })));
    return;
  }
  document.title = `${doc.title || doc.number || 'Văn bản'} — Tra cứu văn bản`;
  const heading = el('h1', { tabindex: '-1', text: doc.title || '(Không có trích yếu)' });
  view.replaceChildren(backLink(state),
    el('p', { class: 'doc-kind', text: [doc.type, doc.number ? `Số ${doc.number}` : null].filter(Boolean).join(' · ') }),
    heading, metadataTable(doc), citesSection(doc, state), citedBySection(doc, state), fullText(doc));
  heading.focus();
}

function backLink(state) {
  return link(urlFor({ ...state, doc: '' }), '← Quay lại kết quả tìm kiếm', { class: 'back' });
}

function metadataTable(doc) {
  const ocrNote = ' (đọc từ bản quét, cần đối chiếu bản gốc)';
  const rows = [
    ['Loại văn bản', doc.type],
    ['Số ký hiệu', doc.number ? `${doc.number}${doc.number_uncertain ? ocrNote : ''}` : null],
    ['Cơ quan ban hành', doc.issuer],
    ['Tỉnh/Thành phố', doc.province],
    ['Ngày ban hành', doc.date ? `${formatDate(doc.date)}${doc.date_uncertain ? ocrNote : ''}` : null],
    ['Năm', doc.year ? `${doc.year}${doc.year_inferred ? ' (suy ra từ nội dung)' : ''}` : null],
    ['Người ký', doc.signer],
    ['Tệp nguồn', `${doc.source.path}${doc.source.parts > 1 ? ` — phần ${doc.source.part}/${doc.source.parts}` : ''}`],
  ];
  if (doc.encoding && doc.encoding !== 'utf-8') rows.push(['Mã hóa gốc', `${doc.encoding} (đã chuyển sang Unicode)`]);
  rows.push(['Định dạng tệp', fileDescription(doc.source)]);
  const body = el('tbody');
  for (const [name, value] of rows) {
    body.append(el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: value || '—' })));
  }
  if (doc.file_url) {
    body.append(el('tr', {}, el('th', { scope: 'row', text: 'Bản gốc' }),
      el('td', {}, el('a', { href: doc.file_url, text: 'Tải tệp gốc', class: 'original-file', download: '' }))));
  }
  return el('table', { class: 'metadata' }, el('caption', { class: 'visually-hidden', text: 'Thông tin văn bản' }), body);
}

// "PDF, 5 trang (trang 2, 3 đọc bằng OCR)": what the file was, as the indexer read it.
function fileDescription(source) {
  const names = { txt: 'Văn bản thuần (.txt)', docx: 'Word (.docx)', doc: 'Word 97–2003 (.doc)',
    odt: 'OpenDocument (.odt)', rtf: 'RTF', html: 'HTML', pdf: 'PDF', edxml: 'Gói edXML' };
  const parts = [names[source.format] || source.format];
  if (source.pages) parts.push(`${source.pages} trang`);
  let text = parts.join(', ');
  if (source.ocr_pages && source.ocr_pages.length) {
    text += source.ocr_pages.length === source.pages
      ? ' (bản quét, toàn bộ đọc bằng OCR)'
      : ` (trang ${source.ocr_pages.join(', ')} đọc bằng OCR)`;
  }
  return text;
}

function citesSection(doc, state) {
  const section = el('section', { class: 'citations', 'aria-labelledby': 'cites-heading' },
    el('h2', { id: 'cites-heading', text: 'Văn bản viện dẫn' }));
  if (doc.cites.length === 0) {
    section.append(el('p', { class: 'muted', text: 'Văn bản này không viện dẫn văn bản nào khác.' }));
    return section;
  }
  const list = el('ul');
  for (const c of doc.cites) {
    const label = `${c.kind || 'Văn bản'} ${c.id}`;
    const detail = [c.date ? `ngày ${formatDate(c.date)}` : null, c.issuer ? `của ${c.issuer}` : null]
      .filter(Boolean).join(' ');
    const target = c.document_id
      ? link(urlFor({ doc: c.document_id, q: state.q, filters: emptyFilters(), page: 1 }), label)
      : link(urlFor({ q: '', filters: { ...emptyFilters(), directive: [c.id] }, page: 1 }), label,
        { title: 'Văn bản này chưa có trong kho: xem các văn bản cùng viện dẫn nó' });
    list.append(el('li', {}, target, detail ? ` ${detail}` : '',
      c.document_id ? null : el('span', { class: 'muted', text: ' — chưa có trong kho' })));
  }
  section.append(list);
  return section;
}

function citedBySection(doc, state) {
  const section = el('section', { class: 'citations', 'aria-labelledby': 'cited-by-heading' },
    el('h2', { id: 'cited-by-heading', text: 'Được viện dẫn bởi' }));
  if (doc.cited_by.length === 0) {
    section.append(el('p', { class: 'muted', text: 'Chưa có văn bản nào trong kho viện dẫn văn bản này.' }));
    return section;
  }
  const list = el('ul');
  for (const c of doc.cited_by) {
    const title = [c.type, c.number, c.title].filter(Boolean).join(' ') || '(Không có trích yếu)';
    list.append(el('li', {}, link(urlFor({ doc: c.id, q: state.q, filters: emptyFilters(), page: 1 }), title),
      el('span', { class: 'muted', text: ` — ${[c.issuer, dateLine(c)].filter(Boolean).join(', ')}` })));
  }
  section.append(list);
  // The server lists the newest citers only; the search filtered by this number lists them all.
  if (doc.cited_by_count > doc.cited_by.length && doc.number) {
    section.append(el('p', {}, link(urlFor({ q: '', filters: { ...emptyFilters(), directive: [doc.number] }, page: 1 }),
      `Xem tất cả ${number.format(doc.cited_by_count)} văn bản viện dẫn văn bản này`)));
  }
  return section;
}

function fullText(doc) {
  const body = el('div', { class: 'fulltext' });
  if (doc.highlighted_text) body.innerHTML = doc.highlighted_text;  // server-escaped, <mark> only
  else body.textContent = doc.text;
  return el('section', { class: 'text', 'aria-labelledby': 'text-heading' },
    el('h2', { id: 'text-heading', text: 'Toàn văn' }), body);
}

// ---- Suggestions ------------------------------------------------------------------------

let suggestTimer = 0;
let activeSuggestion = -1;

function closeSuggestions() {
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  activeSuggestion = -1;
}

async function suggest() {
  const text = $('q').value.trim();
  if (text.length < 2) return closeSuggestions();
  let body;
  try {
    // Not through api(): a suggestion must not abort the search being shown.
    const response = await fetch(`/api/suggest?q=${encodeURIComponent(text)}`);
    if (!response.ok) return closeSuggestions();
    body = await response.json();
  } catch { return closeSuggestions(); }
  if ($('q').value.trim() !== text) return;  // typed on meanwhile
  const list = $('suggestions');
  list.replaceChildren();
  const kinds = { issuer: 'Cơ quan', directive: 'Số ký hiệu', term: 'Từ khóa' };
  body.suggestions.forEach((s, i) => {
    list.append(el('li', {
      id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
      'data-kind': s.kind, 'data-text': s.text,
      onmousedown: (e) => { e.preventDefault(); chooseSuggestion(s); },
    }, el('span', { class: 'suggestion-text', text: s.text }),
      el('span', { class: 'suggestion-kind', text: `${kinds[s.kind] || ''} · ${number.format(s.count)}` })));
  });
  list.hidden = body.suggestions.length === 0;
  $('q').setAttribute('aria-expanded', String(!list.hidden));
  activeSuggestion = -1;
}

// An issuer or a directive becomes a filter; a word completes the query.
function chooseSuggestion(s) {
  closeSuggestions();
  const state = readState();
  if (s.kind === 'issuer' || s.kind === 'directive') {
    const field = s.kind;
    const filters = { ...state.filters, [field]: [...new Set([...state.filters[field], s.text])] };
    navigate({ ...state, doc: '', q: '', filters, page: 1 });
  } else {
    navigate({ ...state, doc: '', q: s.text, page: 1 });
  }
}

function moveSuggestion(step) {
  const options = [...$('suggestions').children];
  if (options.length === 0) return;
  activeSuggestion = (activeSuggestion + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute('aria-selected', String(i === activeSuggestion)));
  $('q').setAttribute('aria-activedescendant', options[activeSuggestion].id);
}

// ---- Wiring -----------------------------------------------------------------------------

function render() {
  closeSuggestions();
  const state = readState();
  return state.doc ? renderDocument(state) : renderResults(state);
}

function wire() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const state = readState();
    const options = [...$('suggestions').children];
    if (activeSuggestion >= 0 && options[activeSuggestion]) {
      const o = options[activeSuggestion];
      chooseSuggestion({ kind: o.dataset.kind, text: o.dataset.text });
      return;
    }
    navigate({ ...state, doc: '', q: $('q').value.trim(), page: 1 });
  });
  $('q').addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggest, 150);
  });
  $('q').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveSuggestion(1); }
    if (e.key === 'ArrowUp') { e.preventDefault(); moveSuggestion(-1); }
    if (e.key === 'Escape') closeSuggestions();
  });
  $('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('sort').addEventListener('change', () => navigate({ ...readState(), sort: $('sort').value, page: 1 }));
  window.addEventListener('popstate', render);
}

wire();
if (!readState().doc) $('q').focus();
render();
