import { api } from '../api.js';
import { day, esc, when } from '../format.js';

export async function renderMeetings(main) {
  const meetings = await api('/api/public/meetings');
  main.innerHTML = `
    <h1>议事会</h1>
    ${meetings.length ? `<ul class="cards">${meetings.map((m) => `
      <li><a href="/meetings/${esc(m.meetingId)}"><span class="num">${esc(m.committee)} · ${esc(m.typeName)}</span>
        <span>${esc(when(m.startsAt))} · ${esc(m.place)}</span>
        <span class="muted">议题${m.items}项：通过${m.adopted}，未通过${m.rejected}，暂缓${m.deferred}；出席${m.present}/${m.members}${m.quorumReached ? '' : '（未达法定人数）'}</span></a></li>`).join('')}</ul>`
    : '<p>还没有已召开的议事会。</p>'}`;
}

export async function renderMeeting(main, meetingId) {
  const m = await api(`/api/public/meetings/${encodeURIComponent(meetingId)}`);
  main.innerHTML = `
    <h1>${esc(m.committee)}${esc(m.typeName)}</h1>
    <dl class="facts">
      <div><dt>时间</dt><dd>${esc(when(m.startsAt))}</dd></div>
      <div><dt>地点</dt><dd>${esc(m.place)}</dd></div>
      <div><dt>主持人</dt><dd>${esc(m.chairRole)}</dd></div>
      <div><dt>出席</dt><dd>${m.present} / ${m.members}（${esc(m.quorum)}，${m.quorumReached ? '已达到' : '未达到'}）</dd></div>
      <div><dt>表决规则</dt><dd>${esc(m.majority)}</dd></div>
    </dl>
    <h2>议题</h2>
    <ol class="items">${m.items.map((item) => `
      <li>
        <h3>${esc(item.title)}</h3>
        ${item.caseId ? `<p><a href="/c/${esc(item.caseId)}">诉求${esc(item.caseId)}</a></p>` : ''}
        <p><strong>${esc(item.outcomeName || '未表决')}</strong>${item.votes ? `（赞成${item.votes.for}，反对${item.votes.against}，弃权${item.votes.abstain}）` : ''}</p>
        ${item.resolution ? `<p>决议：${esc(item.resolution)}</p>` : ''}
        ${item.responsibleUnit ? `<p>实施单位：${esc(item.responsibleUnit)}</p>` : ''}
        ${item.steps.length ? `<p>四议两公开：${item.steps.map((s) => `${esc(s.name)}${s.at ? `（${esc(day(s.at))}）` : ''}`).join(' → ')}</p>` : ''}
        ${item.review ? `<p>决议公示至${esc(day(item.review.reviewEndsAt))}，异议${item.review.objections}/${item.review.objectionsToReopen}${item.review.reopened ? '，已提交重新讨论' : ''}</p>` : ''}
      </li>`).join('')}</ol>
    <p><a href="/meetings">全部议事会</a></p>`;
}
