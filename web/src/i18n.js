// Interface labels in Arabic (default) and English.
const S = {
  ar: {
    brand: 'رصد', tagline: 'استخبارات الأحداث في الأخبار العربية', skip: 'انتقل إلى المحتوى',
    nav_search: 'بحث', nav_actor: 'فاعل', nav_dyad: 'ثنائية', nav_map: 'خريطة', lang_toggle: 'English', lang_toggle_label: 'Switch to English',
    loading: 'جارٍ التحميل…', error: 'خطأ', not_found: 'غير موجود', retry: 'إعادة المحاولة',
    q_label: 'عبارة البحث', q_placeholder: 'ابحث في الأخبار، مثلاً: داعش', search: 'بحث', filters: 'عوامل التصفية',
    from: 'من تاريخ', to: 'إلى تاريخ', source: 'المصدر', actor: 'الفاعل', type: 'نوع الحدث', aux: 'الحالة', any: 'الكل',
    apply: 'تطبيق', clear: 'مسح', results: (n) => `${n} نتيجة`, no_results: 'لا نتائج.', events_n: (n) => `${n} حدث`,
    prev: 'السابق', next: 'التالي', page_of: (a, b) => `صفحة ${a} من ${b}`,
    stats: (d, e, n) => `${d} وثيقة · ${e} حدث · ${n} كيان`, start_hint: 'اكتب عبارة للبحث، أو جرّب:',
    published: 'النشر', original: 'المصدر الأصلي', entities: 'الكيانات', events: 'الأحداث', no_events: 'لا أحداث مستخرجة.',
    where: 'أين', when: 'متى', according: 'بحسب', trigger: 'الكلمة الدالة', score: 'درجة PLOVER', show_evidence: 'إظهار الدليل',
    legend: 'الدليل اللوني', PER: 'شخص', ORG: 'منظمة', LOC: 'مكان', MISC: 'أخرى', evidence: 'جملة الدليل',
    kind: 'النوع', country: 'البلد', kb_id: 'المعرّف', actor_page: 'صفحة الفاعل', close: 'إغلاق',
    cooperation: 'تعاون', conflict: 'صراع',
    aux_none: 'واقع', aux_historical: 'تاريخي', aux_future: 'مستقبلي', aux_hypothetical: 'افتراضي', aux_negated: 'منفي',
    actor_label: 'اسم الفاعل أو معرّفه', open: 'فتح', aliases: 'الأسماء البديلة', valid: 'مدة الصلاحية', always: 'دائماً',
    parent: 'يتبع', documents_n: 'الوثائق', events_total: 'الأحداث', timeline: 'الأحداث شهرياً', partners: 'أبرز الشركاء',
    partners_coop: 'شركاء التعاون', partners_conf: 'أطراف الصراع', count: 'العدد', mean: 'متوسط الدرجة', none: 'لا شيء',
    latest: 'أحدث الأحداث بصفته فاعلاً', unknown_actor: (n) => `لا يوجد فاعل باسم «${n}».`, dyad_with: 'ثنائية',
    side_a: 'الطرف الأول', side_b: 'الطرف الثاني', by: 'التجميع', by_day: 'يومي', by_week: 'أسبوعي', by_month: 'شهري', show: 'عرض',
    dyad_hint: 'أدخل فاعلين لعرض التعاون والصراع بينهما عبر الزمن. مثال:', counts: 'عدد الأحداث', mean_score: 'متوسط درجة PLOVER',
    click_hint: 'انقر على عمود أو نقطة لعرض جمل الدليل.', data_table: 'جدول البيانات', period: 'الفترة',
    evidence_for: (p, s) => `الدليل: ${p}${s ? ' · ' + s : ''}`, no_dyad: 'لا أحداث بين الطرفين.', a_to_b: 'أ ← ب', b_to_a: 'ب ← أ',
    map_title: 'مواقع الأحداث', zoom_points: 'تكبير على الأحداث', zoom_world: 'العالم كله', events_at: (n) => `أحداث في ${n}`,
    no_points: 'لا مواقع مطابقة.', size_legend: 'حجم الدائرة = عدد الأحداث', view_doc: 'فتح المقال',
    token_title: 'مطلوب رمز الدخول', token_text: 'هذا الخادم يتطلب رمز دخول (Bearer).', token_label: 'الرمز', token_ok: 'دخول', cancel: 'إلغاء',
    token_wrong: 'الرمز غير مقبول، حاول مرة أخرى.', unauthorized: 'غير مصرّح.',
  },
  en: {
    brand: 'rasd', tagline: 'event intelligence for Arabic news', skip: 'Skip to content',
    nav_search: 'Search', nav_actor: 'Actor', nav_dyad: 'Dyad', nav_map: 'Map', lang_toggle: 'العربية', lang_toggle_label: 'التبديل إلى العربية',
    loading: 'Loading…', error: 'Error', not_found: 'Not found', retry: 'Retry',
    q_label: 'Search terms', q_placeholder: 'Search the news, e.g. داعش', search: 'Search', filters: 'Filters',
    from: 'From', to: 'To', source: 'Source', actor: 'Actor', type: 'Event type', aux: 'Status', any: 'Any',
    apply: 'Apply', clear: 'Clear', results: (n) => `${n} result${n === 1 ? '' : 's'}`, no_results: 'No results.', events_n: (n) => `${n} event${n === 1 ? '' : 's'}`,
    prev: 'Previous', next: 'Next', page_of: (a, b) => `Page ${a} of ${b}`,
    stats: (d, e, n) => `${d} documents · ${e} events · ${n} entities`, start_hint: 'Type something to search, or try:',
    published: 'Published', original: 'Original', entities: 'Entities', events: 'Events', no_events: 'No events extracted.',
    where: 'Where', when: 'When', according: 'According to', trigger: 'Trigger', score: 'PLOVER score', show_evidence: 'Show evidence',
    legend: 'Legend', PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other', evidence: 'Evidence sentence',
    kind: 'Kind', country: 'Country', kb_id: 'ID', actor_page: 'Actor page', close: 'Close',
    cooperation: 'Cooperation', conflict: 'Conflict',
    aux_none: 'factual', aux_historical: 'historical', aux_future: 'future', aux_hypothetical: 'hypothetical', aux_negated: 'negated',
    actor_label: 'Actor name or ID', open: 'Open', aliases: 'Names and aliases', valid: 'Valid', always: 'always',
    parent: 'Part of', documents_n: 'Documents', events_total: 'Events', timeline: 'Events per month', partners: 'Top partners',
    partners_coop: 'Cooperation partners', partners_conf: 'Conflict partners', count: 'Count', mean: 'Mean score', none: 'None',
    latest: 'Latest events as actor', unknown_actor: (n) => `No actor named “${n}”.`, dyad_with: 'Dyad',
    side_a: 'Actor A', side_b: 'Actor B', by: 'Group by', by_day: 'Day', by_week: 'Week', by_month: 'Month', show: 'Show',
    dyad_hint: 'Enter two actors to chart cooperation and conflict between them over time. Example:', counts: 'Event count', mean_score: 'Mean PLOVER score',
    click_hint: 'Click a bar or point to list the evidence sentences.', data_table: 'Data table', period: 'Period',
    evidence_for: (p, s) => `Evidence: ${p}${s ? ' · ' + s : ''}`, no_dyad: 'No events between these two.', a_to_b: 'A → B', b_to_a: 'B → A',
    map_title: 'Event locations', zoom_points: 'Zoom to events', zoom_world: 'Whole world', events_at: (n) => `Events in ${n}`,
    no_points: 'No matching locations.', size_legend: 'Circle size = number of events', view_doc: 'Open article',
    token_title: 'Access token required', token_text: 'This server requires a bearer token.', token_label: 'Token', token_ok: 'Sign in', cancel: 'Cancel',
    token_wrong: 'Token rejected, try again.', unauthorized: 'Not authorised.',
  },
};

export const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
  'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
export const AUX = ['none', 'historical', 'future', 'hypothetical', 'negated'];

const TYPE_AR = {
  AGREE: 'اتفاق', CONSULT: 'تشاور', SUPPORT: 'تأييد', CONCEDE: 'تنازل', COOPERATE: 'تعاون', AID: 'مساعدة', RETREAT: 'انسحاب',
  REQUEST: 'طلب', ACCUSE: 'اتهام', REJECT: 'رفض', THREATEN: 'تهديد', PROTEST: 'احتجاج', SANCTION: 'عقوبات', MOBILIZE: 'تعبئة',
  COERCE: 'إكراه', ASSAULT: 'هجوم',
};

let lang = 'ar';
try { lang = localStorage.getItem('rasd.lang') === 'en' ? 'en' : 'ar'; } catch { /* storage off */ }

export const getLang = () => lang;
export function setLang(l) {
  lang = l === 'en' ? 'en' : 'ar';
  try { localStorage.setItem('rasd.lang', lang); } catch { /* storage off */ }
  applyLang();
}
export function applyLang() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = lang === 'ar' ? 'رصد' : 'rasd';
}
/** Label lookup; function labels take arguments. */
export function t(key, ...args) {
  const v = S[lang][key] ?? S.en[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}
export const typeLabel = (ty) => (lang === 'ar' ? `${TYPE_AR[ty] || ty}` : ty ? ty[0] + ty.slice(1).toLowerCase() : '');
/** Display name of an entity-like object in the interface language. */
export const nm = (o) => (o ? (lang === 'ar' ? o.name_ar || o.name : o.name || o.name_ar) || o.key || '' : '');
