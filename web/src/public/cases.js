import { api, directory } from '../api.js';
import { esc, statusBadge, statusNames, when } from '../format.js';
import { navigate } from '../main.js';

/** A list of cases as cards: number, category, unit, status and date; nothing personal. */
export function caseRows(items) {
  return `<ul class="cards">${items.map((c) => `
    <li><a href="/c/${esc(c.caseId)}"><span class="num">诉求${esc(c.caseId)}</span>
      <span>${esc(c.category || '未分类')} · ${esc(c.unit || '待分派')}</span>
      ${statusBadge(c.status)} <span class="muted">${esc(when(c.updatedAt))}</span></a></li>`).join('')}</ul>`;
}

export async function renderCaseList(main) {
  const query = new URLSearchParams(location.search);
  const town = await directory();
  const villages = town.units.filter((u) => u.kind === 'VillageCommittee');
  const params = new URLSearchParams({ pageSize: '20' });
  for (const key of ['village', 'category', 'state', 'month', 'continuationToken']) {
    if (query.get(key)) params.set(key, query.get(key));
  }
  const page = await api(`/api/public/cases?${params}`);
  const option = (value, label, current) => `<option value="${esc(value)}"${value === current ? ' selected' : ''}>${esc(label)}</option>`;
  main.innerHTML = `
    <h1>诉求列表</h1>
    <form class="filters" id="filters">
      <div><label for="f-village">村（居）</label><select id="f-village" name="village">${option('', '全部')}${villages.map((v) => option(v.id, v.name.replace('村民委员会', '村').replace('居民委员会', '社区'), query.get('village'))).join('')}</select></div>
      <div><label for="f-category">类别</label><select id="f-category" name="category">${option('', '全部')}${town.catalogue.map((c) => option(c.id, c.name, query.get('category'))).join('')}</select></div>
      <div><label for="f-state">状态</label><select id="f-state" name="state">${option('', '全部')}${Object.entries(statusNames).map(([k, v]) => option(k, v, query.get('state'))).join('')}</select></div>
      <div><label for="f-month">受理月份</label><input id="f-month" name="month" type="month" value="${esc(query.get('month') || '')}"></div>
      <button type="submit">筛选</button>
    </form>
    <p class="muted" aria-live="polite">本页 ${page.items.length} 条</p>
    ${page.items.length ? caseRows(page.items) : '<p>没有符合条件的诉求。</p>'}
    <nav class="pager" aria-label="翻页">
      ${query.get('continuationToken') ? '<a href="javascript:history.back()">上一页</a>' : ''}
      ${page.continuationToken ? `<a id="next" href="/cases?${esc(withToken(query, page.continuationToken))}">下一页</a>` : ''}
    </nav>`;
  main.querySelector('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(event.target).entries()].filter(([, v]) => v));
    const search = chosen.toString();
    navigate(search ? `/cases?${search}` : '/cases');
  });
}

function withToken(query, token) {
  const next = new URLSearchParams(query);
  next.set('continuationToken', token);
  return next.toString();
}
