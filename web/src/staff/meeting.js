import { staffApi } from '../api.js';
import { esc, fields, outcomeNames, when } from '../format.js';
import { navigate } from '../main.js';

const types = [['VillageRepresentatives', '村民代表会议'], ['ResidentsCouncil', '居民议事会'], ['Hearing', '听证会'], ['Consultation', '协商议事会']];
const steps = [['Proposed', '提议'], ['Discussed', '商议'], ['Reviewed', '审议']];

export function scheduleForm() {
  return `<form id="schedule" class="stack">
    <h3>安排议事会</h3>
    <label for="m-type">会议类型</label><select id="m-type" name="type">${types.map(([v, n]) => `<option value="${v}">${n}</option>`).join('')}</select>
    <label for="m-start">时间（北京时间）</label><input id="m-start" name="startsAt" type="datetime-local" required>
    <label for="m-place">地点</label><input id="m-place" name="place" required>
    <label for="m-chair">主持人</label><input id="m-chair" name="chairName" required>
    <label for="m-role">主持人职务</label><input id="m-role" name="chairRole" required>
    <label for="m-members">参会人员（用逗号分隔）</label><textarea id="m-members" name="members" rows="2" required></textarea>
    <button type="submit">安排会议</button>
    <p class="message" role="status" aria-live="polite"></p>
  </form>`;
}

/** One meeting from schedule to close: agenda, sending it, attendance with the quorum, a vote per item, steps, minutes. */
export async function renderStaffMeeting(main, meetingId) {
  const m = await staffApi(`/api/meetings/${encodeURIComponent(meetingId)}`);
  const open = m.status === 'Scheduled' || m.status === 'Held';
  main.innerHTML = `
    <h1>${esc(m.committee.name)}${esc(m.typeName)}</h1>
    <p>${esc(when(m.startsAt))} · ${esc(m.place)} · 主持：${esc(m.chair.name)}（${esc(m.chair.role)}） · 状态：<strong id="meeting-status">${esc(m.status)}</strong></p>
    <p id="meeting-result" class="message" role="status" aria-live="polite"></p>
    <section aria-labelledby="agenda-h"><h2 id="agenda-h">议程</h2>
      ${open ? `<div class="toolbar"><button type="button" data-post="agenda/build">从待议事诉求生成议程</button><button type="button" data-post="notify" class="secondary">发送议程${m.agendaSentAt ? `（已于${esc(when(m.agendaSentAt))}发送）` : ''}</button></div>
      <form id="add-item" class="stack"><h3>增加议题</h3><label for="i-case">诉求编号（或填写标题）</label><input id="i-case" name="caseId"><label for="i-title">标题</label><input id="i-title" name="title"><button type="submit">增加</button></form>` : ''}
      <ol class="items">${m.items.map((item) => itemView(m, item, open)).join('')}</ol>
    </section>
    ${open ? `<section aria-labelledby="att-h"><h2 id="att-h">签到</h2>
      <form id="attendance" class="stack"><fieldset><legend>出席人员（${esc(m.quorum)}；当前出席${m.present}人，需${m.quorumNeeded}人，${m.quorumReached ? '已达到法定人数' : '未达到法定人数'}）</legend>
        ${m.members.map((p) => `<label><input type="checkbox" name="present" value="${esc(p.id)}"${p.present ? ' checked' : ''}> ${esc(p.name)}</label>`).join('')}</fieldset>
        <button type="submit">记录签到</button></form></section>` : ''}
    <section aria-labelledby="min-h"><h2 id="min-h">会议记录</h2>
      <form id="minutes" class="stack"><label for="minutes-text">记录</label><textarea id="minutes-text" name="minutes" rows="3">${esc(m.minutes || '')}</textarea><button type="submit">保存记录</button></form>
      ${open ? `<div class="toolbar"><button type="button" data-post="close">闭会</button></div>
      <form id="cancel" class="stack"><label for="cancel-reason">取消原因</label><input id="cancel-reason" name="reason" required><button type="submit" class="danger">取消会议</button></form>` : ''}
    </section>
    <p><a href="/meetings/${esc(m.meetingId)}">公开页面</a> · <a href="/staff">返回工作台</a></p>`;
  wire(main, m);
}

function itemView(m, item, open) {
  const decided = item.outcome ? `<p><strong>${esc(outcomeNames[item.outcome] || item.outcome)}</strong>${item.votes ? `（赞成${item.votes.for}，反对${item.votes.against}，弃权${item.votes.abstain}）` : ''}${item.resolution ? `：${esc(item.resolution)}` : ''}</p>` : '';
  const id = esc(item.itemId);
  return `<li><h3>${esc(item.title)}</h3>${item.caseId ? `<p><a href="/staff/cases/${esc(item.caseId)}">诉求${esc(item.caseId)}</a></p>` : ''}
    <p class="muted">四议：${item.steps.map((s) => `${esc(s.name)}${s.at ? `（${esc(when(s.at))}）` : ''}`).join('、') || '未记录'}</p>
    ${decided}
    ${open && !item.outcome ? `
    <form class="stack" data-vote="${id}"><h4>表决（出席${m.present}人；${esc(m.majority)}）</h4>
      <div class="row"><div><label for="v-for-${id}">赞成</label><input id="v-for-${id}" name="for" type="number" min="0" value="0"></div>
      <div><label for="v-against-${id}">反对</label><input id="v-against-${id}" name="against" type="number" min="0" value="0"></div>
      <div><label for="v-abstain-${id}">弃权</label><input id="v-abstain-${id}" name="abstain" type="number" min="0" value="0"></div></div>
      <label for="v-res-${id}">决议内容</label><textarea id="v-res-${id}" name="resolution" rows="2" required></textarea>
      <p class="muted" data-tally aria-live="polite"></p>
      <div class="toolbar"><button type="submit">记录表决</button><button type="button" class="secondary" data-defer="${id}">暂缓</button></div></form>
    <form class="stack" data-step="${id}"><label for="s-${id}">四议步骤</label><select id="s-${id}" name="step">${steps.map(([v, n]) => `<option value="${v}">${n}</option>`).join('')}</select>
      <label for="s-date-${id}">日期</label><input id="s-date-${id}" name="date" type="date" required><button type="submit" class="secondary">记录步骤</button></form>
    <div class="toolbar"><button type="button" class="secondary" data-remove="${id}">移出议程</button></div>` : ''}</li>`;
}

function wire(main, m) {
  const result = main.querySelector('#meeting-result');
  const base = `/api/meetings/${encodeURIComponent(m.meetingId)}`;
  const run = async (what, path, options) => {
    try {
      await staffApi(`${base}/${path}`, options);
      result.textContent = `${what}：已完成。`;
      setTimeout(() => navigate(location.pathname), 500);
    } catch (error) {
      result.textContent = `${what}未成功：${error.message}`;
    }
  };
  main.querySelectorAll('[data-post]').forEach((b) => b.addEventListener('click', () => run(b.textContent.replace(/（.*/, ''), b.dataset.post, { method: 'POST' })));
  main.querySelector('#add-item')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(e.target);
    run('增加议题', 'items', { method: 'POST', body: f.caseId ? { caseId: f.caseId } : { title: f.title } });
  });
  main.querySelector('#attendance')?.addEventListener('submit', (e) => {
    e.preventDefault();
    run('签到', 'attendance', { method: 'POST', body: { present: new FormData(e.target).getAll('present') } });
  });
  main.querySelector('#minutes')?.addEventListener('submit', (e) => {
    e.preventDefault();
    run('会议记录', 'minutes', { method: 'POST', body: fields(e.target) });
  });
  main.querySelector('#cancel')?.addEventListener('submit', (e) => {
    e.preventDefault();
    run('取消会议', 'cancel', { method: 'POST', body: fields(e.target) });
  });
  main.querySelectorAll('form[data-vote]').forEach((f) => {
    const tally = f.querySelector('[data-tally]');
    // The API's rule, shown as the clerk types: adopted only with more than half of those present; the votes cannot exceed them.
    const check = () => {
      const v = fields(f);
      const cast = Number(v.for) + Number(v.against) + Number(v.abstain);
      tally.textContent = cast > m.present ? `表决人数${cast}超过出席人数${m.present}` : Number(v.for) * 2 > m.present ? '按此表决：通过' : '按此表决：未通过';
    };
    f.addEventListener('input', check);
    check();
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const v = fields(f);
      run('表决', `items/${encodeURIComponent(f.dataset.vote)}/vote`, { method: 'POST', body: { for: Number(v.for), against: Number(v.against), abstain: Number(v.abstain), resolution: v.resolution } });
    });
  });
  main.querySelectorAll('[data-defer]').forEach((b) => b.addEventListener('click', () => run('暂缓', `items/${encodeURIComponent(b.dataset.defer)}/vote`, { method: 'POST', body: { outcome: 'Deferred' } })));
  main.querySelectorAll('[data-remove]').forEach((b) => b.addEventListener('click', () => run('移出议程', `items/${encodeURIComponent(b.dataset.remove)}?reason=${encodeURIComponent('移出议程')}`, { method: 'DELETE' })));
  main.querySelectorAll('form[data-step]').forEach((f) => f.addEventListener('submit', (e) => {
    e.preventDefault();
    run('四议步骤', `items/${encodeURIComponent(f.dataset.step)}/steps`, { method: 'POST', body: fields(f) });
  }));
}
