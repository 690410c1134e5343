import { directory, staffApi } from '../api.js';
import { esc, eventNames, fields, statusBadge, when } from '../format.js';
import { navigate } from '../main.js';

/** Which forms each role sees; the API decides in the end (a refused action is shown in words). */
const forms = {
  officer: ['acknowledge', 'progress', 'respond', 'decline', 'transfer', 'escalate', 'refer', 'report-in', 'follow'],
  dispatcher: ['urgency', 'reassign', 'reopen', 'escalate', 'follow'],
  representative: ['supervise', 'whistle', 'follow'],
};

/** A case as staff see it: the full timeline, the masked contact, attachments, and a form per action. */
export async function renderStaffCase(main, caseId, who) {
  const [view, town] = await Promise.all([staffApi(`/api/cases/${encodeURIComponent(caseId)}`), directory()]);
  const suggestions = who.role === 'dispatcher' ? await staffApi(`/api/cases/${encodeURIComponent(caseId)}/categories`).catch(() => []) : [];
  const allowed = forms[who.role] || [];
  main.innerHTML = `
    <h1>诉求${esc(view.caseId)}</h1>
    <p>${statusBadge(view.status)} ${view.overdue ? '<span class="overdue">已超期</span>' : ''} ${urgencyBadge(view.urgency)}${view.escalationCount ? ` <span class="muted">已升级${view.escalationCount}次</span>` : ''}</p>
    <div class="console">
      <section aria-labelledby="detail-h">
        <h2 id="detail-h">诉求内容</h2>
        <blockquote>${esc(view.text)}</blockquote>
        <dl class="facts">
          <div><dt>地点</dt><dd>${esc(view.place || '')}</dd></div>
          <div><dt>类别</dt><dd>${esc(view.category?.name || '未分类')}</dd></div>
          <div><dt>承办单位</dt><dd>${esc(view.unit?.name || '')}</dd></div>
          <div><dt>诉求人</dt><dd>${esc(view.reporter?.phone || (view.reporter?.hasWeChat ? '微信用户' : ''))}（${view.reporterCount}人反映）</dd></div>
          <div><dt>签收期限</dt><dd>${esc(when(view.acknowledgeDueAt))}</dd></div>
          <div><dt>答复期限</dt><dd>${esc(when(view.respondDueAt))}</dd></div>
          ${view.deliberation ? `<div><dt>议事</dt><dd>${esc(view.deliberation.line)}</dd></div>` : ''}
          ${view.supervision ? `<div><dt>督办</dt><dd>${esc(view.supervision.by)}（${esc(when(view.supervision.at))}）</dd></div>` : ''}
        </dl>
        ${attachments(view.attachments)}
        ${coReports(view, who)}
        ${view.reply ? `<h3>答复</h3><blockquote>${esc(view.reply)}</blockquote>` : ''}
        <h3>办理记录</h3>
        <ol class="timeline">${view.timeline.map((t) => `<li><time datetime="${esc(t.at)}">${esc(when(t.at))}</time> <strong>${esc(eventNames[t.event] || t.event)}</strong>${t.unit ? ` · ${esc(t.unit.name)}` : ''}${t.actor ? ` · ${esc(t.actor)}` : ''}${t.note ? `：${esc(t.note)}` : ''}</li>`).join('')}</ol>
        <p><a href="/c/${esc(view.caseId)}">查看公开页面</a></p>
      </section>
      <section aria-labelledby="act-h">
        <h2 id="act-h">办理</h2>
        <p id="act-result" class="message" role="status" aria-live="polite"></p>
        <div class="actions">${allowed.map((a) => form(a, view, town, suggestions)).join('')}</div>
      </section>
    </div>`;
  wire(main, view);
}

const urgencyBadge = (urgency) => ({
  Emergency: '<strong class="overdue">紧急</strong>',
  PossibleEmergency: '<strong class="overdue">疑似紧急（待分中心确认）</strong>',
}[urgency] || '');

/**
 * What the resident sent besides words: a location opens on AMap (WeChat sends GCJ-02 coordinates, AMap's own), an image
 * shows from WeChat's picture address when there is one (else its media id, to fetch from the official account).
 */
function attachments(items) {
  if (!items.length) return '';
  const one = (a) => {
    if (a.kind === 'Location') {
      const [lat, lon] = a.reference.split(',');
      const map = `https://uri.amap.com/marker?position=${encodeURIComponent(lon)},${encodeURIComponent(lat)}&name=${encodeURIComponent(a.label || '居民位置')}&coordinate=gaode`;
      return `<li class="attachment"><span>位置：${esc(a.label || '')}（${esc(a.reference)}）</span> <a href="${esc(map)}" target="_blank" rel="noopener noreferrer">在地图上查看</a></li>`;
    }
    const picture = /^https?:\/\//.test(a.label || '') ? a.label : /^https?:\/\//.test(a.reference) ? a.reference : null;
    return picture
      ? `<li class="attachment"><a href="${esc(picture)}" target="_blank" rel="noopener noreferrer"><img src="${esc(picture)}" alt="居民发送的图片（${esc(when(a.at))}）" loading="lazy" referrerpolicy="no-referrer" width="160"></a></li>`
      : `<li class="attachment">图片（素材编号 ${esc(a.reference)}，可在公众号后台查看）</li>`;
  };
  return `<h3>附件</h3><ul class="attachments">${items.map(one).join('')}</ul>`;
}

/** Residents who reported the same problem; one merged by mistake can be split off as a case of its own. */
function coReports(view, who) {
  if (!view.coReports?.length) return '';
  const canSplit = ['officer', 'dispatcher', 'admin'].includes(who.role);
  return `<h3>同一问题的其他反映（${view.coReports.length}）</h3><ul class="coreports">${view.coReports.map((c) => `<li>
      <p><time datetime="${esc(c.at)}">${esc(when(c.at))}</time> · ${esc(c.phone || (c.channel === 'WeChat' ? '微信用户' : ''))}${c.place ? ` · ${esc(c.place)}` : ''}</p>
      <blockquote>${esc(c.text)}</blockquote>
      ${canSplit ? `<button type="button" class="secondary" data-split="${esc(c.key)}">不是同一问题：拆分为新诉求</button>` : ''}</li>`).join('')}</ul>`;
}

const unitOptions = (town, kinds) => town.units.filter((u) => kinds.includes(u.kind)).map((u) => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join('');

function form(action, view, town, suggestions) {
  const text = (name, label, required = true, rows = 2) => `<label for="${action}-${name}">${label}</label><textarea id="${action}-${name}" name="${name}" rows="${rows}"${required ? ' required' : ''}></textarea>`;
  switch (action) {
    case 'acknowledge': return `<form class="stack" data-action="acknowledge"><h3>签收</h3><button type="submit">签收</button></form>`;
    case 'progress': return `<form class="stack" data-action="progress"><h3>办理进展</h3>${text('note', '进展说明')}<button type="submit">记录进展</button></form>`;
    case 'respond': return `<form class="stack" data-action="respond" id="respond-form"><h3>答复办结</h3>${text('reply', '答复内容', true, 4)}
        <button type="button" class="secondary" id="preview-reply">预览公开内容</button><div class="preview" id="reply-preview" aria-live="polite" hidden></div><button type="submit">提交答复</button></form>`;
    case 'decline': return `<form class="stack" data-action="decline"><h3>说明不予办理</h3>${text('reason', '理由')}<button type="submit">提交说明</button></form>`;
    case 'transfer': return `<form class="stack" data-action="transfer"><h3>退回分中心</h3>${text('reason', '退回理由')}<label for="transfer-unit">建议单位（可选）</label><select id="transfer-unit" name="suggestedUnit"><option value="">不建议</option>${unitOptions(town, ['ServicePoint', 'VillageCommittee', 'Department'])}</select><button type="submit">退回</button></form>`;
    case 'escalate': return `<form class="stack" data-action="escalate"><h3>升级</h3>${text('reason', '升级理由')}<button type="submit">升级</button></form>`;
    case 'refer': return `<form class="stack" data-action="refer"><h3>提交议事会</h3>${text('note', '说明', false)}<button type="submit">提交议事</button></form>`;
    case 'report-in': return `<form class="stack" data-action="report-in"><h3>吹哨报到</h3>${text('note', '报到说明', false)}<button type="submit">报到</button></form>`;
    case 'urgency': return view.urgency === 'Normal' ? '' : `<form class="stack" data-action="urgency"><h3>紧急程度</h3>
        <p>${view.urgency === 'PossibleEmergency' ? '系统判断为疑似紧急，已按紧急时限办理。请核实后确认或降级。' : '已按紧急诉求办理。如判断有误，可降级为普通诉求。'}</p>
        <fieldset><legend>判断</legend>
          ${view.urgency === 'PossibleEmergency' ? '<label><input type="radio" name="action" value="confirm" checked> 确认紧急</label>' : ''}
          <label><input type="radio" name="action" value="downgrade"${view.urgency === 'PossibleEmergency' ? '' : ' checked'}> 降为普通</label></fieldset>
        ${text('reason', '理由（降级时必填）', false)}<button type="submit">提交判断</button></form>`;
    case 'reopen': return `<form class="stack" data-action="reopen"><h3>重新办理</h3>${text('reason', '理由')}<button type="submit">重新派单</button></form>`;
    case 'reassign': return `<form class="stack" data-action="reassign"><h3>改派（纠正类别）</h3>
        ${suggestions.length ? `<p>分类建议：${suggestions.map((s) => `${esc(s.category.name)}（${Math.round(s.score * 100)}%）`).join('、')}</p>` : ''}
        <label for="reassign-category">类别</label><select id="reassign-category" name="category">${suggestions.map((s) => `<option value="${esc(s.category.id)}">${esc(s.category.name)}（建议）</option>`).join('')}${town.catalogue.map((c) => `<option value="${esc(c.id)}"${c.id === view.category?.id ? ' selected' : ''}>${esc(c.name)}</option>`).join('')}</select>
        <label for="reassign-unit">承办单位</label><select id="reassign-unit" name="unitId" required>${unitOptions(town, ['ServicePoint', 'VillageCommittee', 'Department'])}</select><button type="submit">改派</button></form>`;
    case 'supervise': return `<form class="stack" data-action="supervise"><h3>督办</h3>${text('note', '督办意见', false)}<button type="submit">督办</button></form>`;
    case 'whistle': return `<form class="stack" data-action="whistle"><h3>吹哨</h3><label for="whistle-lead">牵头单位</label><select id="whistle-lead" name="lead" required>${unitOptions(town, ['VillageCommittee', 'Department'])}</select>
        <fieldset><legend>召集部门</legend>${town.units.filter((u) => u.kind === 'Department').map((u) => `<label><input type="checkbox" name="summoned" value="${esc(u.id)}"> ${esc(u.name)}</label>`).join('')}</fieldset>${text('reason', '吹哨理由')}<button type="submit">吹哨</button></form>`;
    case 'follow': return `<form class="stack" data-action="follow"><h3>关注</h3><p class="muted">关注后超期即时提醒，进展进入每日摘要。</p><div class="toolbar"><button type="submit">关注</button><button type="button" class="secondary" id="unfollow">取消关注</button></div></form>`;
    default: return '';
  }
}

function wire(main, view) {
  const result = main.querySelector('#act-result');
  const url = (action) => `/api/cases/${encodeURIComponent(view.caseId)}/${action}`;
  const done = (words) => {
    result.textContent = words;
    setTimeout(() => navigate(location.pathname), 600);
  };
  main.querySelectorAll('form[data-action]').forEach((f) => f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const action = f.dataset.action;
    const body = fields(f);
    if (action === 'whistle') body.summoned = new FormData(f).getAll('summoned');
    if (action === 'transfer' && !body.suggestedUnit) delete body.suggestedUnit;
    if (action === 'urgency' && body.action === 'downgrade' && !body.reason?.trim()) {
      result.textContent = '降级时请填写理由。';
      f.querySelector('textarea').focus();
      return;
    }
    try {
      await staffApi(url(action), { method: 'POST', body });
      done(`${f.querySelector('h3').textContent}：已提交。`);
    } catch (error) {
      result.textContent = `${f.querySelector('h3').textContent}未成功：${error.message}`;
    }
  }));
  main.querySelectorAll('[data-split]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm('将这条反映拆分为一件新的诉求，由分中心重新分拨？')) return;
    try {
      const split = await staffApi(url('split'), { method: 'POST', body: { reporterKey: b.dataset.split } });
      result.innerHTML = `已拆分为新诉求 <a href="/staff/cases/${esc(split.newCaseId)}">${esc(split.newCaseId)}</a>。`;
    } catch (error) {
      result.textContent = `拆分未成功：${error.message}`;
    }
  }));
  main.querySelector('#unfollow')?.addEventListener('click', async () => {
    try {
      await staffApi(url('follow'), { method: 'DELETE' });
      result.textContent = '已取消关注。';
    } catch (error) {
      result.textContent = error.message;
    }
  });
  main.querySelector('#preview-reply')?.addEventListener('click', async () => {
    const box = main.querySelector('#reply-preview');
    try {
      const preview = await staffApi(url('reply-preview'), { method: 'POST', body: { reply: main.querySelector('#respond-reply').value } });
      box.textContent = `公开显示为：${preview.public}`;
    } catch (error) {
      box.textContent = error.message;
    }
    box.hidden = false;
  });
}
