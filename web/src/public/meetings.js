import { api, directory } from '../api.js';
import { day, esc, when } from '../format.js';
import { navigate } from '../main.js';

/**
 * Held meetings, newest first. The API lists one committee's meetings at a time (a keyed query, never a scan of the
 * town's): with a committee chosen, that committee's, a page at a time; otherwise the first page of each committee's.
 */
export async function renderMeetings(main) {
  const query = new URLSearchParams(location.search);
  const town = await directory();
  const committees = town.units.filter((u) => u.kind === 'VillageCommittee');
  const chosen = committees.find((c) => c.id === query.get('committee'));
  const pageOf = (committee, token) => {
    const params = new URLSearchParams({ committee, pageSize: '50' });
    if (token) params.set('continuationToken', token);
    return api(`/api/public/meetings?${params}`);
  };
  let meetings;
  let next = null;
  if (chosen) {
    const page = await pageOf(chosen.id, query.get('continuationToken'));
    meetings = page.items;
    next = page.continuationToken;
  } else {
    meetings = (await Promise.all(committees.map((c) => pageOf(c.id)))).flatMap((page) => page.items);
  }
  meetings.sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  const option = (value, label) => `<option value="${esc(value)}"${value === (chosen?.id || '') ? ' selected' : ''}>${esc(label)}</option>`;
  main.innerHTML = `
    <h1>议事会</h1>
    <form class="filters" id="committee-filter">
      <div><label for="f-committee">村（居）委会</label><select id="f-committee" name="committee">${option('', '全部')}${committees.map((c) => option(c.id, c.name)).join('')}</select></div>
      <button type="submit">查看</button>
    </form>
    ${meetings.length ? `<ul class="cards">${meetings.map((m) => `
      <li><a href="/meetings/${esc(m.meetingId)}"><span class="num">${esc(m.committee)} · ${esc(m.typeName)}</span>
        <span>${esc(when(m.startsAt))} · ${esc(m.place)}</span>
        <span class="muted">议题${m.items}项：通过${m.adopted}，未通过${m.rejected}，暂缓${m.deferred}；出席${m.present}/${m.members}${m.quorumReached ? '' : '（未达法定人数）'}</span></a></li>`).join('')}</ul>`
    : '<p>还没有已召开的议事会。</p>'}
    ${next ? `<nav class="pager" aria-label="翻页"><a href="/meetings?${esc(new URLSearchParams({ committee: chosen.id, continuationToken: next }).toString())}">更多</a></nav>` : ''}`;
  main.querySelector('#committee-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    const committee = new FormData(event.target).get('committee');
    navigate(committee ? `/meetings?committee=${encodeURIComponent(committee)}` : '/meetings');
  });
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
