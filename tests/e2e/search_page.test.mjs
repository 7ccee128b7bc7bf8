// The search page in a real headless Chromium (Debian's), driven by playwright-core, against a
// real tracuu-server over a temporary index of corpus/. Run by tests/e2e/run.sh, which sets:
//   TRACUU_URL     the server's base URL
//   CHROMIUM       the browser binary (/usr/bin/chromium)
//   SCREENSHOTS    where to save the screenshots
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.TRACUU_URL;
const SHOTS = process.env.SCREENSHOTS || '.';
let browser;
let page;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
});

after(async () => { await browser?.close(); });

const total = async () => {
  const text = await page.locator('#summary').innerText();
  const match = text.match(/Tìm thấy (?:khoảng )?([\d.]+) văn bản/);
  assert.ok(match, `summary should give a count, got "${text}"`);
  return Number(match[1].replace(/\./g, ''));
};

async function search(words) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(words, { delay: 10 });
  // Enter searches what was typed (a suggestion only when one was chosen with the arrows).
  await page.keyboard.press('Enter');
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q
    && !document.querySelector('#results-view').hasAttribute('aria-busy')
    && /Tìm thấy|Không/.test(document.querySelector('#summary').textContent + document.querySelector('#hits').textContent), words);
}

test('a search without diacritics shows highlighted results, facet counts and a year filter', async () => {
  await page.goto(BASE);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', 'the search box has focus on load');

  await search('hang viet ve nong thon');
  const before = await total();
  assert.ok(before >= 2, `expected several results, got ${before}`);
  assert.ok(await page.locator('.hit').count() >= 2);
  const marks = await page.locator('.snippet mark').allInnerTexts();
  assert.ok(marks.length > 0, 'snippets carry <mark> highlights');
  assert.ok(marks.some((m) => /nông|thôn/i.test(m)), `marks show the words as written: ${marks}`);
  assert.match(page.url(), /q=hang\+viet\+ve\+nong\+thon/);

  const counts = await page.locator('.facet .count').allInnerTexts();
  assert.ok(counts.length >= 3 && counts.every((c) => Number(c) > 0), `facet counts: ${counts}`);
  for (const heading of ['Cơ quan ban hành', 'Năm', 'Loại văn bản', 'Tỉnh/Thành phố', 'Văn bản viện dẫn']) {
    assert.ok(await page.locator('.facet h2').getByText(heading, { exact: true }).isVisible(), `facet ${heading}`);
  }

  // Click a year with fewer documents than the whole result.
  const bars = page.locator('.year-bar');
  let chosen = null;
  for (let i = 0; i < await bars.count(); i++) {
    const year = await bars.nth(i).locator('.facet-name').innerText();
    const count = Number(await bars.nth(i).locator('.count').innerText());
    if (count < before) { chosen = { year, count, bar: bars.nth(i) }; break; }
  }
  assert.ok(chosen, 'some year narrows the result');
  await chosen.bar.click();
  await page.waitForFunction((n) => document.querySelector('#summary').textContent.includes(`Tìm thấy ${n} văn bản`),
    chosen.count);
  assert.equal(await total(), chosen.count);
  assert.ok(chosen.count < before);
  assert.match(page.url(), new RegExp(`year=${chosen.year}`));
  assert.ok(await page.getByRole('button', { name: `Bỏ lọc Năm: ${chosen.year}` }).isVisible(), 'active filter chip');
  for (const meta of await page.locator('.hit-meta').allInnerTexts()) {
    assert.ok(meta.includes(chosen.year), `every result is from ${chosen.year}: ${meta}`);
  }
  await page.screenshot({ path: path.join(SHOTS, 'search_page.png'), fullPage: true });

  // The other years stay on offer with what they would add; picking one widens to both years.
  const others = page.locator('.year-bar[aria-pressed="false"]');
  assert.ok(await others.count() >= 1, 'the other years stay on offer');
  const second = Number(await others.first().locator('.count').innerText());
  await others.first().click();
  await page.waitForFunction((n) => document.querySelector('#summary').textContent.includes(`Tìm thấy ${n} văn bản`),
    chosen.count + second);
  assert.equal(await page.locator('.chip').count(), 2);
  await page.goBack();
  await page.waitForFunction((n) => document.querySelector('#summary').textContent.includes(`Tìm thấy ${n} văn bản`),
    chosen.count);

  // Back restores the unfiltered results.
  await page.goBack();
  await page.waitForFunction((n) => document.querySelector('#summary').textContent.includes(`Tìm thấy ${n} văn bản`), before);
  assert.equal(await page.locator('.chip').count(), 0);
});

test('a year chart over decades opens a decade on its years', async () => {
  await page.goto(BASE);
  await search('luu tru ho so');
  assert.equal(await total(), 4);
  const bars = page.locator('.year-bar .facet-name');
  assert.deepEqual(await bars.allInnerTexts(), ['1990s', '2000s', '2020s'], 'one bar per decade');
  assert.ok(await page.evaluate(() => {
    const chart = document.querySelector('.year-chart');
    return chart.scrollWidth <= chart.clientWidth;
  }), 'no horizontal scrollbar');
  await page.locator('.year-bar').filter({ hasText: '1990s' }).click();
  await page.waitForFunction(() => /Thập niên 1990/.test(document.querySelector('.facets').textContent));
  assert.deepEqual(await bars.allInnerTexts(), ['1996', '1999'], 'the decade opens on its years');
  await page.locator('.year-bar').filter({ hasText: '1996' }).click();
  await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('Tìm thấy 1 văn bản'));
  assert.match(page.url(), /year=1996/);
  assert.deepEqual(await bars.allInnerTexts(), ['1996', '1999'], 'a chosen year keeps its decade open');
  await page.getByRole('button', { name: '‹ Mọi thập niên' }).click();
  assert.deepEqual(await bars.allInnerTexts(), ['1990s', '2000s', '2020s']);
});

test('a document shows its metadata, what it cites and who cites it', async () => {
  await page.goto(BASE);
  await search('02-KH/BCĐ');
  const first = page.locator('.hit-title a').first();
  await first.click();
  await page.locator('#document-view h1').waitFor();
  assert.match(page.url(), /doc=/);
  assert.ok(await page.getByRole('heading', { name: 'Văn bản viện dẫn' }).isVisible());
  const citedBy = page.getByRole('heading', { name: 'Được viện dẫn bởi' });
  assert.ok(await citedBy.isVisible(), 'the "Được viện dẫn bởi" section');
  const citers = page.locator('section[aria-labelledby="cited-by-heading"] li a');
  assert.ok(await citers.count() >= 1, 'the plan is cited by the cover letter');
  assert.equal(await page.locator('table.metadata td').first().innerText(), 'Kế hoạch');
  assert.ok(await page.locator('.fulltext').innerText().then((t) => t.length > 1000));
  await page.screenshot({ path: path.join(SHOTS, 'document_view.png') });

  // What the file was, and the original one click away (the bytes the indexer read).
  const format = page.locator('table.metadata tr', { hasText: 'Định dạng tệp' }).locator('td');
  assert.equal(await format.innerText(), 'Văn bản thuần (.txt)');
  const original = page.getByRole('link', { name: 'Tải tệp gốc' });
  const href = await original.getAttribute('href');
  assert.match(href, /^\/api\/documents\/[0-9a-f]+-\d+\/file$/);
  const file = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, disposition: r.headers.get('content-disposition'), text: await r.text() };
  }, href);
  assert.equal(file.status, 200);
  assert.match(file.disposition, /^attachment;/);
  assert.ok(file.text.includes('02-KH/BCĐ') || file.text.includes('02-KH-BCĐ'), 'the original text');

  // The newest 20 citers are listed (the cover letter first: the 25 reports are undated), and
  // a link opens the search listing all 26.
  assert.equal(await citers.count(), 20);
  const all = page.getByRole('link', { name: 'Xem tất cả 26 văn bản viện dẫn văn bản này' });
  assert.ok(await all.isVisible(), 'a link to every citer');

  // Following "cited by" opens the citing document; Back returns.
  await citers.first().click();
  await page.waitForFunction(() => /1512\/UBND-KT/.test(document.querySelector('.doc-kind')?.textContent || ''));
  await page.goBack();
  await page.waitForFunction(() => /02-KH\/BCĐ/.test(document.querySelector('.doc-kind')?.textContent || ''));
  await all.click();
  await page.waitForFunction(() => /directive=02-KH%2FBC%C4%90/.test(location.search));
  assert.equal(await total(), 26, 'the cover letter and the 25 reports cite the plan');
});

test('suggestions, the empty state, did you mean and the error state', async () => {
  await page.goto(BASE);
  await page.locator('#q').pressSequentially('03-c', { delay: 30 });
  const option = page.getByRole('option').filter({ hasText: '03-CT/TW' });
  await option.first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /directive=03-CT%2FTW/.test(location.search));
  assert.equal(await total(), 5, 'five seed documents cite Chỉ thị 03-CT/TW');

  await page.goto(BASE);
  await search('zzzkhongcoketqua');
  assert.ok(await page.locator('.empty').isVisible());
  assert.match(await page.locator('.empty').innerText(), /Không tìm thấy văn bản nào/);

  await page.goto(BASE);
  await search('tuyen truyn hang viet');
  const offer = page.locator('#did-you-mean');
  await offer.waitFor();
  assert.match(await offer.innerText(), /Có phải bạn muốn tìm: tuyên truyền hàng việt\?/);
  assert.equal(new URLSearchParams(new URL(page.url()).search).get('q'), 'tuyen truyn hang viet',
    'the query is never replaced behind the user\'s back');
  await offer.getByRole('link').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'tuyên truyền hàng việt');
  assert.ok(await total() >= 1);
  assert.ok(await offer.isHidden(), 'a query that finds enough is offered nothing');

  await page.route('**/api/search**', (route) => route.abort());
  await page.goto(`${BASE}/?q=ke+hoach`);
  await page.locator('.error').waitFor();
  assert.match(await page.locator('.error').innerText(), /Không kết nối được máy chủ/);
  assert.ok(await page.getByRole('button', { name: 'Thử lại' }).isVisible());
  await page.unroute('**/api/search**');
});

test('readable at phone width', async () => {
  const phone = await browser.newPage({ viewport: { width: 375, height: 800 }, isMobile: true });
  await phone.goto(`${BASE}/?q=hang+viet+ve+nong+thon`);
  await phone.locator('.hit').first().waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at 375 px (overflow ${overflow})`);
  await phone.screenshot({ path: path.join(SHOTS, 'search_page_phone.png'), fullPage: false });
  await phone.close();
});
