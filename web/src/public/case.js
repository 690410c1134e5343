import { api, ApiError } from '../api.js';
import { day, esc, eventNames, fields, outcomeNames, satisfactionNames, statusNames, when } from '../format.js';

/** The case page residents open from their text: where it stands, its milestones, the answer and the decision. */
export async function renderCase(main, caseId) {
  let view;
  try {
    view = await api(`/api/public/cases/${encodeURIComponent(caseId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      main.innerHTML = `<h1>未找到诉求${esc(caseId)}</h1><p>请核对编号。编号在您收到的受理短信或微信里。</p><p><a href="/">返回首页</a></p>`;
      return;
    }
    throw error;
  }
  const clock = view.deliberation?.line || view.decision?.line || '';
  main.innerHTML = `
    <h1>诉求${esc(view.caseId)}</h1>
    <p class="status-line"><span class="badge badge-${esc(view.status)}">${esc(statusNames[view.status] || view.status)}</span></p>
    <dl class="facts">
      <div><dt>类别</dt><dd>${esc(view.category || '未分类')}</dd></div>
      <div><dt>承办单位</dt><dd>${esc(view.unit || '待分派')}</dd></div>
      <div><dt>受理时间</dt><dd>${esc(when(view.receivedAt))}</dd></div>
      <div><dt>附议</dt><dd><span id="support">${view.support || view.reporters}</span>人</dd></div>
      ${view.supervision ? `<div><dt>督办</dt><dd>${esc(view.supervision)}</dd></div>` : ''}
      ${view.whistle ? `<div><dt>吹哨报到</dt><dd>${esc([view.whistle.lead, ...view.whistle.summoned].filter(Boolean).join('、'))}</dd></div>` : ''}
      ${view.rating ? `<div><dt>评价</dt><dd id="rating">${esc(satisfactionNames[view.rating] || view.rating)}</dd></div>` : ''}
    </dl>
    ${clock ? `<p class="clock" id="clock">${esc(clock)}</p>` : ''}
    ${view.reply ? `<section aria-labelledby="reply-h"><h2 id="reply-h">答复</h2><blockquote id="reply">${esc(view.reply)}</blockquote></section>` : ''}
    ${view.implementation ? `<p>${esc(view.implementation.line)}（${esc(view.implementation.responsibleUnit || '')}）</p>` : ''}
    ${view.decision ? decision(view) : ''}
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">办理进度</h2>
      <ol class="timeline" id="timeline">${view.milestones.map((m) => `
        <li><time datetime="${esc(m.at)}">${esc(when(m.at))}</time> <strong>${esc(eventNames[m.event] || m.event)}</strong>${m.unit ? ` · ${esc(m.unit)}` : ''}</li>`).join('')}</ol>
    </section>
    <p class="muted">评价：收到答复后回复短信或微信 1（满意）、2（基本满意）、3（不满意）。</p>`;
  if (view.decision?.inReview) {
    wireObjection(main, view.caseId);
  }
}

function decision(view) {
  const d = view.decision;
  return `<section aria-labelledby="decision-h">
    <h2 id="decision-h">议事会决议</h2>
    <p><strong>${esc(outcomeNames[d.outcome] || d.outcome)}</strong>：<span id="resolution">${esc(d.resolution)}</span></p>
    ${d.votes ? `<p>表决：${esc(d.votes)}</p>` : ''}
    ${d.responsibleUnit ? `<p>实施单位：${esc(d.responsibleUnit)}</p>` : ''}
    <p>决议日期：${esc(day(d.decidedAt))}；公示至：${esc(day(d.reviewEndsAt))}</p>
    <p>异议：<span id="objections">${d.objections}</span> / ${d.objectionsNeeded}（达到${d.objectionsNeeded}件将提交下次议事会重新讨论）</p>
    ${d.inReview ? objectionForm() : ''}
  </section>`;
}

function objectionForm() {
  return `<form id="object" class="stack" novalidate>
      <h3>提出异议</h3>
      <p class="muted">填写手机号码和理由，我们会发送验证码；验证后异议才计入。号码不会公开。</p>
      <label for="o-phone">手机号码</label>
      <input id="o-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required>
      <label for="o-reason">异议理由</label>
      <textarea id="o-reason" name="reason" rows="3" maxlength="500" required></textarea>
      <button type="submit">获取验证码</button>
    </form>
    <form id="confirm" class="stack" hidden novalidate>
      <label for="o-code">短信验证码</label>
      <input id="o-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
      <button type="submit">确认提交异议</button>
    </form>
    <p id="object-result" role="status" aria-live="polite"></p>`;
}

function wireObjection(main, caseId) {
  const request = main.querySelector('#object');
  const confirm = main.querySelector('#confirm');
  const result = main.querySelector('#object-result');
  let pending = null;
  request.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { phone, reason } = fields(request);
    try {
      const sent = await api(`/api/public/cases/${encodeURIComponent(caseId)}/objections`, { method: 'POST', body: { phone, reason } });
      pending = { phone, challenge: sent.challenge };
      result.textContent = sent.message;
      confirm.hidden = false;
      main.querySelector('#o-code').focus();
    } catch (error) {
      result.textContent = error.message;
    }
  });
  confirm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const receipt = await api(`/api/public/cases/${encodeURIComponent(caseId)}/objections/confirm`, {
        method: 'POST',
        body: { phone: pending.phone, code: fields(confirm).code, challenge: pending.challenge },
      });
      result.textContent = receipt.message;
      main.querySelector('#objections').textContent = receipt.objections;
      confirm.hidden = true;
      request.hidden = true;
    } catch (error) {
      result.textContent = error.message;
    }
  });
}
