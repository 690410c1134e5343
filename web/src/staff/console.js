import { directory, signIn, signInConfig, signOut, staff, staffApi } from '../api.js';
import { day, esc, fields, statusBadge, statusNames, when } from '../format.js';
import { navigate } from '../main.js';
import { renderStaffCase } from './case.js';
import { renderStaffMeeting, scheduleForm } from './meeting.js';

/** The staff console: /staff (sign-in, then the desk of one's role), /staff/cases/{id}, /staff/meetings/{id}. */
export async function renderStaff(main) {
  const who = staff();
  const rest = location.pathname.replace(/^\/staff\/?/, '');
  if (!who || rest === 'signin') {
    return renderSignIn(main);
  }
  const header = `<p class="toolbar muted">已登录：${esc(who.label)} <button type="button" class="secondary" id="sign-out">退出</button></p>`;
  const [kind, id] = rest.split('/');
  if (kind === 'cases' && id) {
    await renderStaffCase(main, decodeURIComponent(id), who);
  } else if (kind === 'meetings' && id) {
    await renderStaffMeeting(main, decodeURIComponent(id), who);
  } else if (who.role === 'representative') {
    await renderRepresentative(main, who);
  } else if (who.role === 'dispatcher') {
    await renderDispatch(main, who);
  } else {
    await renderUnit(main, who);
  }
  main.insertAdjacentHTML('afterbegin', header);
  main.querySelector('#sign-out').addEventListener('click', async () => {
    signOut();
    if (who.mode === 'entra') {
      const { signOutEntra } = await import('./entra.js');
      await signOutEntra(who.entra);
      return;
    }
    navigate('/staff');
  });
}

/** The desk a sign-in opens, when the API gives it more than one role. */
const deskOrder = ['dispatcher', 'officer', 'representative', 'operator', 'admin'];

/**
 * Sign-in: Microsoft Entra ID where the API is set up for it (always, in Azure), and in the Development environment
 * a development sign-in that picks who you are from the demo town and uses that dev token.
 */
async function renderSignIn(main) {
  const config = await signInConfig();
  main.innerHTML = '<h1>工作台登录</h1><p id="signin-result" class="message" role="status" aria-live="polite"></p>';
  const result = main.querySelector('#signin-result');
  if (config.entraId) {
    const entra = await import('./entra.js');
    try {
      if (await entra.completeSignIn(config.entraId)) {
        signIn({ mode: 'entra', entra: config.entraId, label: '' });
        const me = await staffApi('/api/me');
        signIn({ mode: 'entra', entra: config.entraId, role: deskOrder.find((r) => me.roles.includes(r)) || me.roles[0], unit: me.unitId, user: me.userId, label: me.label });
        navigate('/staff');
        return;
      }
    } catch (error) {
      signOut();
      result.textContent = `登录未成功：${error.message}`;
    }
    main.insertAdjacentHTML('beforeend', `<p>使用本镇的工作账号登录（Microsoft Entra ID）。</p><button type="button" id="entra-signin">使用工作账号登录</button>`);
    main.querySelector('#entra-signin').addEventListener('click', () => entra.beginSignIn(config.entraId).catch((error) => {
      result.textContent = `无法打开登录页面：${error.message}`;
    }));
  }
  if (config.development) {
    await renderDevSignIn(main);
  } else if (!config.entraId) {
    result.textContent = '工作台登录尚未配置，请联系系统管理员。';
  }
}

/** Development sign-in: pick who you are from the demo town; the console then uses that dev token. */
async function renderDevSignIn(main) {
  const town = await directory();
  const units = town.units.filter((u) => u.kind !== 'DispatchCentre');
  main.insertAdjacentHTML('beforeend', `
    <h2>本地开发登录</h2>
    <p class="muted">选择身份即可（使用开发令牌，仅在开发环境中可用）。</p>
    <form id="signin" class="stack">
      <label for="s-who">身份</label>
      <select id="s-who" name="who" required>
        <optgroup label="镇大联动分中心">
          <option value="dispatcher|${esc(town.dispatchCentre)}|dispatcher1">派单员（${esc(town.units.find((u) => u.id === town.dispatchCentre)?.name || '')}）</option>
        </optgroup>
        <optgroup label="办理单位（服务站、村居、部门）">
          ${units.map((u) => `<option value="officer|${esc(u.id)}|${esc(u.id)}-staff">${esc(u.name)}</option>`).join('')}
        </optgroup>
        <optgroup label="人大代表、党代表">
          ${town.representatives.map((r) => `<option value="representative|${esc(r.id)}|${esc(r.id)}">${esc(r.name)}（${esc(r.body)}）</option>`).join('')}
        </optgroup>
      </select>
      <button type="submit">登录</button>
    </form>`);
  main.querySelector('#signin').addEventListener('submit', (event) => {
    event.preventDefault();
    const select = main.querySelector('#s-who');
    const [role, unit, user] = select.value.split('|');
    signIn({ role, unit, user, token: `dev:${role}:${unit}:${user}`, label: select.selectedOptions[0].textContent.trim() });
    navigate('/staff');
  });
}

function inboxTable(items, caption) {
  if (!items.length) return `<p>${esc(caption)}：没有诉求。</p>`;
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(caption)}"><table><caption>${esc(caption)}</caption>
    <thead><tr><th scope="col">编号</th><th scope="col">类别</th><th scope="col">状态</th><th scope="col">期限</th><th scope="col">人数</th></tr></thead>
    <tbody>${items.map((c) => `<tr>
      <th scope="row"><a href="/staff/cases/${esc(c.caseId)}">${esc(c.caseId)}</a></th>
      <td>${esc(c.category?.name || '未分类')}${c.urgency && c.urgency !== 'Normal' ? ' <strong class="overdue">紧急</strong>' : ''}</td>
      <td>${statusBadge(c.status)}</td>
      <td>${c.overdue ? '<span class="overdue">已超期</span> ' : ''}${esc(when(c.nextDeadlineAt))}</td>
      <td>${c.reporters ?? ''}</td></tr>`).join('')}</tbody></table></div>`;
}

function byDeadline(items) {
  return [...items].sort((a, b) => (a.nextDeadlineAt || '9999').localeCompare(b.nextDeadlineAt || '9999'));
}

function counts(items) {
  const by = {};
  for (const c of items) by[c.status] = (by[c.status] || 0) + 1;
  return `<ul class="counts" aria-label="各状态数量">${Object.entries(by).map(([s, n]) => `<li>${esc(statusNames[s] || s)}：${n}</li>`).join('')}${items.some((c) => c.overdue) ? `<li class="overdue">超期：${items.filter((c) => c.overdue).length}</li>` : ''}</ul>`;
}

/** A unit's inbox, sorted by next deadline; a village committee also runs its meetings here. */
async function renderUnit(main, who) {
  const town = await directory();
  const unit = town.units.find((u) => u.id === who.unit);
  const page = await staffApi(`/api/units/${encodeURIComponent(who.unit)}/cases?pageSize=200`);
  const open = byDeadline(page.items.filter((c) => c.status !== 'Closed'));
  main.innerHTML = `<h1>${esc(unit?.name || who.unit)}：待办</h1>${counts(page.items)}${inboxTable(open, '办理中的诉求（按期限排序）')}`;
  if (unit?.kind === 'VillageCommittee') {
    await renderCommittee(main, who);
  }
}

/** A committee: cases waiting for deliberation with their public clocks, and its meetings. */
async function renderCommittee(main, who) {
  const [waiting, meetings] = await Promise.all([
    staffApi(`/api/units/${encodeURIComponent(who.unit)}/cases?state=InDeliberation&pageSize=200`),
    staffApi(`/api/meetings?committee=${encodeURIComponent(who.unit)}`),
  ]);
  const list = (items, empty) => (items.length ? `<ul class="cards">${items.map((m) => `<li><a href="/staff/meetings/${esc(m.meetingId)}"><span class="num">${esc(m.typeName)} · ${esc(when(m.startsAt))}</span><span>${esc(m.place)}</span><span class="muted">议题${m.items}项，已决${m.decided}项 · ${esc(m.status)}</span></a></li>`).join('')}</ul>` : `<p>${empty}</p>`);
  main.insertAdjacentHTML('beforeend', `
    <h2>待议事的诉求</h2>
    ${waiting.items.length ? `<ul class="cards">${waiting.items.map((c) => `<li><a href="/staff/cases/${esc(c.caseId)}"><span class="num">诉求${esc(c.caseId)}</span><span>${esc(c.category?.name || '')}</span><span class="muted">决定期限：${esc(day(c.nextDeadlineAt))}</span></a></li>`).join('')}</ul>` : '<p>没有待议事的诉求。</p>'}
    <h2>议事会</h2>
    <h3>即将召开</h3>${list(meetings.upcoming, '没有即将召开的会议。')}
    <h3>已召开</h3>${list(meetings.past, '没有已召开的会议。')}
    ${scheduleForm(who.unit)}`);
  const form = main.querySelector('#schedule');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = fields(form);
    const members = f.members.split(/[，,、\s]+/).filter(Boolean).map((name, i) => ({ id: `m${i + 1}`, name }));
    try {
      const meeting = await staffApi('/api/meetings', {
        method: 'POST',
        body: { committee: who.unit, type: f.type, startsAt: `${f.startsAt}:00+08:00`, place: f.place, chair: { name: f.chairName, role: f.chairRole }, members },
      });
      navigate(`/staff/meetings/${encodeURIComponent(meeting.meetingId)}`);
    } catch (error) {
      form.querySelector('.message').textContent = error.message;
    }
  });
}

/** The dispatch centre: its triage queue and the cases escalated to it. */
async function renderDispatch(main, who) {
  const page = await staffApi(`/api/units/${encodeURIComponent(who.unit)}/cases?pageSize=200`);
  const open = page.items.filter((c) => c.status !== 'Closed');
  const triage = byDeadline(open.filter((c) => c.status === 'Triage'));
  const escalated = byDeadline(open.filter((c) => c.status !== 'Triage'));
  // Each case waiting for a person, with the classifier's three best guesses beside it.
  const guesses = await Promise.all(triage.slice(0, 50).map((c) => staffApi(`/api/cases/${encodeURIComponent(c.caseId)}/categories`).catch(() => [])));
  const suggested = (i) => (guesses[i] || []).slice(0, 3).map((g) => `${esc(g.category.name)}（${Math.round(g.score * 100)}%）`).join('、') || '无';
  const triageTable = triage.length
    ? `<div class="table-wrap" tabindex="0" role="region" aria-label="待人工分拨"><table><caption>待人工分拨（分类置信度低或无法定位）</caption>
      <thead><tr><th scope="col">编号</th><th scope="col">分类建议（前三）</th><th scope="col">期限</th></tr></thead>
      <tbody>${triage.map((c, i) => `<tr><th scope="row"><a href="/staff/cases/${esc(c.caseId)}">${esc(c.caseId)}</a></th>
        <td>${i < 50 ? suggested(i) : ''}</td><td>${c.overdue ? '<span class="overdue">已超期</span> ' : ''}${esc(when(c.nextDeadlineAt))}</td></tr>`).join('')}</tbody></table></div>`
    : '<p>待人工分拨：没有诉求。</p>';
  main.innerHTML = `<h1>大联动分中心：分拨</h1>${counts(page.items)}
    ${triageTable}
    <h2>升级与督办</h2>${inboxTable(escalated, '升级到分中心的诉求')}
    <form id="goto" class="stack"><label for="g-case">按编号打开诉求（重新办理、改派）</label><div class="row"><input id="g-case" name="caseId" required inputmode="numeric"><button type="submit">打开</button></div></form>`;
  main.querySelector('#goto').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/staff/cases/${encodeURIComponent(fields(event.target).caseId)}`);
  });
}

/** A representative: the casebook (constituency and followed cases) and a preview of the daily digest. */
async function renderRepresentative(main, who) {
  const [book, digest] = await Promise.all([
    staffApi(`/api/representatives/${encodeURIComponent(who.unit)}/cases?pageSize=200`),
    staffApi(`/api/representatives/${encodeURIComponent(who.unit)}/digest`),
  ]);
  const items = book.items || book;
  main.innerHTML = `<h1>${esc(who.label)}：履职台账</h1>
    <div class="table-wrap" tabindex="0" role="region" aria-label="选区诉求与关注的诉求"><table><caption>选区诉求与关注的诉求</caption>
      <thead><tr><th scope="col">编号</th><th scope="col">村（居）</th><th scope="col">类别</th><th scope="col">状态</th><th scope="col">已受理天数</th><th scope="col">来源</th></tr></thead>
      <tbody>${items.map((c) => `<tr><th scope="row"><a href="/staff/cases/${esc(c.caseId)}">${esc(c.caseId)}</a></th><td>${esc(c.village?.name || '')}</td><td>${esc(c.category?.name || '')}</td>
        <td>${statusBadge(c.status)}${c.overdue ? ' <span class="overdue">超期</span>' : ''}${c.supervised ? ' 已督办' : ''}</td><td>${c.daysOpen}</td><td>${c.via === 'follow' ? '关注' : '选区'}</td></tr>`).join('')}</tbody></table></div>
    <h2>每日摘要预览（${esc(day(digest.date))}，${esc(when(digest.sendsAt))}发送）</h2>
    <div class="preview" id="digest">${esc(digest.text || '今天还没有需要告知的进展。')}</div>`;
}
