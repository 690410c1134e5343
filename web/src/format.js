// Words and dates as residents read them.

export const statusNames = {
  Received: '已受理',
  Triage: '分拨中',
  Dispatched: '已派单',
  Acknowledged: '已签收',
  InProgress: '办理中',
  Responded: '已答复',
  Declined: '已说明不予办理',
  InDeliberation: '议事会审议中',
  PublicReview: '结果公示中',
  DecisionReview: '决议公示中',
  Closed: '已办结',
};

export const eventNames = {
  Received: '受理',
  Triage: '人工分拨',
  Dispatched: '派单',
  Acknowledged: '签收',
  InProgress: '办理',
  Responded: '答复',
  Declined: '说明不予办理',
  InDeliberation: '提交议事',
  PublicReview: '结果公示',
  DecisionReview: '决议公示',
  Closed: '办结归档',
  Reopened: '重新办理',
  Escalated: '升级',
  Rated: '评价',
  Supervised: '代表督办',
  Whistle: '吹哨',
  ReportedIn: '报到',
  ReportInMissed: '未按时报到',
  Progress: '办理进展',
  Published: '结果公示',
  Transferred: '退回分拨',
  Reassigned: '改派',
  OverdueAlert: '超期提醒',
  Reminded: '催办',
  AttachmentAdded: '补充位置或图片',
  EmergencyConfirmed: '确认紧急',
  Downgraded: '降为普通',
  CoReported: '其他居民反映',
  Split: '拆分',
  Referred: '提交议事',
  Supported: '附议',
  OnAgenda: '列入议程',
  OffAgenda: '移出议程',
  Deferred: '暂缓决定',
  DecisionPublished: '决议公示',
  Objection: '异议',
  DecisionStands: '决议维持',
  ImplementationDispatched: '交付实施',
  ResultPublished: '实施结果公示',
  RouteRetried: '重新派单',
};

export const outcomeNames = { Adopted: '通过', Rejected: '未通过', Deferred: '暂缓' };

export const satisfactionNames = { Satisfied: '满意', BasicallySatisfied: '基本满意', Dissatisfied: '不满意' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** 11月24日 09:30 in the time the API gave (the town's). */
export function when(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}` : iso;
}

export function day(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function percent(rate) {
  return rate && rate.value !== undefined && rate.value !== null ? `${(rate.value * 100).toFixed(1)}%` : '—';
}

export function statusBadge(status) {
  return `<span class="badge badge-${esc(status)}">${esc(statusNames[status] || status)}</span>`;
}

/** A form's fields as an object of trimmed strings. */
export function fields(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
}
