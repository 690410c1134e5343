import { api } from '../api.js';
import { esc, percent } from '../format.js';
import { navigate } from '../main.js';
import { caseRows } from './cases.js';

export async function renderHome(main) {
  const [published, review, kpis] = await Promise.all([
    api('/api/public/cases?state=PublicReview&pageSize=200'),
    api('/api/public/cases?state=DecisionReview&pageSize=200'),
    api('/api/public/kpis'),
  ]);
  const latest = [...published.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 10);
  main.innerHTML = `
    <h1>新桥镇诉求办理公开</h1>
    <form class="search" role="search" id="find">
      <label for="case-number">按诉求编号查询</label>
      <div class="row"><input id="case-number" name="caseId" inputmode="numeric" autocomplete="off" placeholder="如 202611240001" required pattern="\\d{8,16}">
      <button type="submit">查询</button></div>
    </form>
    <section aria-labelledby="rates-h">
      <h2 id="rates-h">本月办理情况（${esc(kpis.month)}）</h2>
      <dl class="figures">
        <div><dt>受理</dt><dd>${kpis.town.cases}</dd></div>
        <div><dt>响应率</dt><dd>${percent(kpis.town.response)}</dd></div>
        <div><dt>解决率</dt><dd>${percent(kpis.town.resolution)}</dd></div>
        <div><dt>满意率</dt><dd>${percent(kpis.town.satisfaction)}</dd></div>
      </dl>
      <p><a href="/rates">查看各单位排名与口径</a></p>
    </section>
    <section aria-labelledby="review-h">
      <h2 id="review-h">公示中的议事会决议</h2>
      ${review.items.length ? caseRows(review.items) : '<p>目前没有公示中的决议。</p>'}
    </section>
    <section aria-labelledby="latest-h">
      <h2 id="latest-h">最新办理结果</h2>
      ${latest.length ? caseRows(latest) : '<p>目前没有公示中的办理结果。</p>'}
      <p><a href="/cases">全部诉求</a></p>
    </section>`;
  main.querySelector('#find').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/c/${encodeURIComponent(main.querySelector('#case-number').value.trim())}`);
  });
}
