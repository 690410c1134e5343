// The site's router: one HTML page, each address drawn by the module of its page.
import { renderHome } from './public/home.js';
import { renderCase } from './public/case.js';
import { renderCaseList } from './public/cases.js';
import { renderMeetings, renderMeeting } from './public/meetings.js';
import { renderStaff } from './staff/console.js';
import { esc } from './format.js';

const routes = [
  [/^\/$/, () => renderHome],
  [/^\/c\/([^/]+)$/, (m) => (main) => renderCase(main, decodeURIComponent(m[1]))],
  [/^\/cases$/, () => renderCaseList],
  [/^\/meetings$/, () => renderMeetings],
  [/^\/meetings\/([^/]+)$/, (m) => (main) => renderMeeting(main, decodeURIComponent(m[1]))],
  [/^\/rates$/, () => async (main) => (await import('./public/rates.js')).renderRates(main)],
  [/^\/staff(\/.*)?$/, () => renderStaff],
];

async function show() {
  const main = document.getElementById('main');
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const route = routes.map(([pattern, page]) => [pattern.exec(path), page]).find(([match]) => match);
  document.querySelectorAll('header nav a').forEach((a) => {
    const here = a.getAttribute('href') === '/' ? path === '/' : path.startsWith(a.getAttribute('href'));
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  main.setAttribute('aria-busy', 'true');
  try {
    if (!route) {
      main.innerHTML = '<h1>页面不存在</h1><p><a href="/">返回首页</a></p>';
    } else {
      await route[1](route[0])(main);
    }
  } catch (error) {
    main.innerHTML = `<h1>出错了</h1><p role="alert">${esc(error.message)}</p>`;
  }
  main.removeAttribute('aria-busy');
  document.title = `${main.querySelector('h1')?.textContent || '诉求公开'} · 新桥镇`;
}

/** Same-site links change the page without reloading it. */
document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey || link.origin !== location.origin) return;
  if (link.pathname.startsWith('/api') || link.pathname.startsWith('/open311') || link.pathname.startsWith('/feeds')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});

export function navigate(url) {
  history.pushState(null, '', url);
  show().then(() => document.getElementById('main').focus());
}

window.addEventListener('popstate', show);
show();
