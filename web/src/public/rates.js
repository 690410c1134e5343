import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../api.js';
import { esc, percent } from '../format.js';
import { navigate } from '../main.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

const rateNames = [['response', '响应率'], ['resolution', '解决率'], ['satisfaction', '满意率'], ['onTime', '按时办结率']];

/** The monthly rates: the definitions, the ranking table, and two charts (rates per unit; volumes by category). */
export async function renderRates(main) {
  const month = new URLSearchParams(location.search).get('month');
  const kpis = await api(`/api/public/kpis${month ? `?month=${encodeURIComponent(month)}` : ''}`);
  const units = kpis.units.filter((u) => u.dispatched > 0);
  main.innerHTML = `
    <h1>月度考核：${esc(kpis.month)}</h1>
    <form id="month-form" class="filters"><div><label for="r-month">月份</label><input id="r-month" name="month" type="month" value="${esc(kpis.month)}"></div><button type="submit">查看</button></form>
    <section aria-labelledby="def-h"><h2 id="def-h">口径</h2>
      <ul class="defs">${Object.values(kpis.definitions).map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
    </section>
    <section aria-labelledby="rank-h"><h2 id="rank-h">单位排名</h2>
      ${units.length ? `<div class="table-wrap" tabindex="0" role="region" aria-label="单位排名"><table id="ranking"><caption>按综合得分排名，共${units.length}个单位</caption>
        <thead><tr><th scope="col">名次</th><th scope="col">单位</th><th scope="col">派单</th>${rateNames.map(([, n]) => `<th scope="col">${n}</th>`).join('')}<th scope="col">得分</th></tr></thead>
        <tbody>${units.map((u) => `<tr><td>${u.rank ?? '—'}</td><th scope="row">${esc(u.unit.name)}</th><td>${u.dispatched}</td>${rateNames.map(([k]) => `<td>${percent(u[k])}</td>`).join('')}<td>${u.score ?? '—'}</td></tr>`).join('')}</tbody>
      </table></div>` : '<p>本月尚无派单。</p>'}
    </section>
    <section aria-labelledby="chart-h"><h2 id="chart-h">各单位三率</h2>
      <div id="rates-chart" class="chart" role="img" aria-label="各单位响应率、解决率、满意率柱状图，数值见上表"></div>
    </section>
    <section aria-labelledby="volume-h"><h2 id="volume-h">诉求类别（全镇${kpis.town.cases}件）</h2>
      <div id="volume-chart" class="chart" role="img" aria-label="各类别诉求数量柱状图：${esc(kpis.town.byCategory.map((c) => `${c.category.name}${c.cases}件`).join('，'))}"></div>
    </section>`;
  main.querySelector('#month-form').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/rates?month=${encodeURIComponent(new FormData(event.target).get('month'))}`);
  });
  draw(main.querySelector('#rates-chart'), {
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: units.map((u) => u.unit.name), inverse: true },
    series: rateNames.slice(0, 3).map(([key, name]) => ({ name, type: 'bar', data: units.map((u) => (u[key].value == null ? null : Math.round(u[key].value * 1000) / 10)) })),
  }, units.length);
  draw(main.querySelector('#volume-chart'), {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: kpis.town.byCategory.map((c) => c.category.name), inverse: true },
    series: [{ name: '诉求数', type: 'bar', data: kpis.town.byCategory.map((c) => c.cases) }],
  }, kpis.town.byCategory.length);
}

function draw(element, option, rows) {
  element.style.height = `${Math.max(160, rows * 56 + 60)}px`;
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({ aria: { enabled: true }, animation: false, ...option });
  element.dataset.drawn = String(rows);
  new ResizeObserver(() => chart.resize()).observe(element);
}
