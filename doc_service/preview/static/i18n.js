// Texts of the page in Chinese (default) and English; the choice is remembered in localStorage.

const STORAGE_KEY = "docService.preview.lang";

const UI = {
  zh: {
    "app.title": "文书预览",
    "pick.type": "文书类型",
    "pick.locale": "语言版本",
    "version.label": "模板版本",
    "version.copy": "完整摘要：",
    "auth.button": "API 密钥",
    "auth.title": "需要 API 密钥",
    "auth.explain": "服务已开启认证。请输入具有 reviewer 角色的 API 密钥；密钥只保存在本标签页中，关闭即清除。",
    "auth.key": "API 密钥",
    "auth.cancel": "取消",
    "auth.submit": "确定",
    "auth.rejected": "密钥无效，请重新输入。",
    "auth.needed": "需要 API 密钥才能载入数据。",
    "auth.forbidden": "此密钥没有查看模板所需的 reviewer 角色。",
    "editor.heading": "案件信息",
    "editor.form": "表单",
    "editor.reset": "恢复样例",
    "editor.resetConfirm": "放弃修改并恢复该模板的样例案件？",
    "editor.loading": "正在载入样例案件…",
    "editor.general": "基本信息",
    "editor.add": "添加",
    "editor.remove": "删除",
    "editor.item": "第 {n} 项",
    "editor.empty": "（空）",
    "editor.yes": "是",
    "json.ok": "JSON 有效，已同步到表单。",
    "json.invalid": "JSON 格式错误：{message}",
    "json.notObject": "案件必须是 JSON 对象。",
    "doc.heading": "文书",
    "doc.html": "实时预览",
    "doc.pdf": "PDF",
    "doc.diff": "版本对比",
    "doc.downloadPdf": "下载 PDF",
    "doc.downloadDocx": "下载 DOCX",
    "doc.frameTitle": "文书实时预览（样稿）",
    "status.loading": "正在生成…",
    "status.ready": "已更新 {time}",
    "status.downloading": "正在生成 {format}…",
    "status.downloaded": "{file} 已下载",
    "status.failed": "生成失败",
    "stale.errors": "有 {n} 处需要修改",
    "errors.title": "有 {n} 处需要修改（预览对这些字段沿用上次有效的值）：",
    "errors.other": "其他",
    "compliance.ok": "合规检查通过",
    "compliance.bad": "{n} 项合规提示",
    "compliance.hint": "已在字段旁标出，样稿中相关语句以红色底标出。正式出具时将被拒绝。",
    "diff.base": "旧版本",
    "diff.head": "新版本",
    "diff.compare": "对比",
    "diff.onlyChanges": "只看改动",
    "diff.none": "该模板只有当前版本：既没有已提交的其他版本，也没有文书使用过其他版本。",
    "diff.identical": "两个版本用此案件生成的文本完全相同。",
    "diff.summary": "{changed} 句修改，{deleted} 句删除，{inserted} 句新增，{equal} 句未变",
    "diff.unchanged": "… {n} 句未变 …",
    "diff.loading": "正在对比…",
    "diff.current": "当前",
    "diff.neverUsed": "尚未使用",
    "diff.firstUsed": "首次使用 {date}",
    "skip.toDocument": "跳到文书与下载",
    "editor.datePlaceholder": "年-月-日，如 2025-03-07",
    "editor.auto": "自动计算",
    "draft.restored": "已恢复上次未保存的草稿。",
    "saved.name": "案例名称",
    "saved.save": "保存案例",
    "saved.pick": "已存案例",
    "saved.load": "载入",
    "saved.delete": "删除",
    "saved.none": "（无）",
    "saved.saved": "已保存“{name}”。",
    "saved.loaded": "已载入“{name}”。",
    "saved.deleted": "已删除“{name}”。",
    "saved.needName": "请先填写案例名称。",
    "batches.heading": "批量文书",
    "batches.refresh": "刷新",
    "batches.id": "批次",
    "batches.state": "状态",
    "batches.progress": "进度",
    "batches.counts": "文书",
    "batches.created": "提交时间",
    "batches.outputs": "输出",
    "batches.none": "还没有提交过批次。",
    "batches.shown": "最近 {n} 个批次",
    "batches.forbidden": "此密钥没有查看批次所需的 submitter 或 auditor 角色。",
    "batches.issuedOf": "已出具 {issued} / {total}",
    "batches.refused": "拒绝 {n}",
    "batches.failed": "失败 {n}",
    "batches.invalid": "无效 {n}",
    "batches.cancelled": "已取消 {n}",
    "batches.building": "生成中…",
    "batches.archive": "下载 ZIP",
    "batches.printPdf": "打印文件 PDF",
    "batches.status.queued": "排队中",
    "batches.status.running": "进行中",
    "batches.status.succeeded": "已完成",
    "batches.status.partially_failed": "部分失败",
    "batches.status.failed": "失败",
    "batches.status.cancelled": "已取消",
    "discard.confirm": "当前案件的修改将被替换且无法找回。继续？",
    "json.invalidAt": "JSON 格式错误：第 {line} 行第 {column} 列附近。",
    "json.invalidPlain": "JSON 格式错误，请检查括号、引号和逗号。",
    "compliance.pending": "合规检查待定：案件有 {n} 处错误，修正后再检查",
    "compliance.letterNote": "样稿上的提示使用文书语言（{locale}）。",
    "stale.fallback": "预览中 {n} 处仍使用上次有效的值",
    "pair.label": "对照版本",
    "pair.none": "不对照",
    "diff.export": "导出对比报告",
    "diff.firstChange": "首处改动：{text}",
    "diff.working": "工作区（未上线）",
    "diff.live": "线上",
    "diff.committed": "提交于 {date}",
    "frame.second": "对照预览（{locale}）",
    "view.region": "文书预览，可用方向键滚动",
    "problem.generic": "请求失败（{status}）",
    "problem.network": "无法连接服务：{message}",
    "punct.colon": "：",
    "punct.join": "；",
  },
  en: {
    "app.title": "Document preview",
    "pick.type": "Document",
    "pick.locale": "Edition",
    "version.label": "Template version",
    "version.copy": "Full digest: ",
    "auth.button": "API key",
    "auth.title": "API key required",
    "auth.explain": "Authentication is on. Enter an API key with the reviewer role; it is kept in this tab only and forgotten when the tab closes.",
    "auth.key": "API key",
    "auth.cancel": "Cancel",
    "auth.submit": "OK",
    "auth.rejected": "That key was not accepted. Please try again.",
    "auth.needed": "An API key is needed to load data.",
    "auth.forbidden": "This key lacks the reviewer role needed to view templates.",
    "editor.heading": "Case",
    "editor.form": "Form",
    "editor.reset": "Reset to sample",
    "editor.resetConfirm": "Discard your edits and load the template's sample case?",
    "editor.loading": "Loading the sample case…",
    "editor.general": "General",
    "editor.add": "Add",
    "editor.remove": "Remove",
    "editor.item": "Item {n}",
    "editor.empty": "(empty)",
    "editor.yes": "Yes",
    "json.ok": "Valid JSON, synchronised with the form.",
    "json.invalid": "Invalid JSON: {message}",
    "json.notObject": "The case must be a JSON object.",
    "doc.heading": "Document",
    "doc.html": "Live preview",
    "doc.pdf": "PDF",
    "doc.diff": "Compare versions",
    "doc.downloadPdf": "Download PDF",
    "doc.downloadDocx": "Download DOCX",
    "doc.frameTitle": "Live preview of the document (specimen)",
    "status.loading": "Rendering…",
    "status.ready": "Updated {time}",
    "status.downloading": "Rendering {format}…",
    "status.downloaded": "{file} downloaded",
    "status.failed": "Rendering failed",
    "stale.errors": "{n} field(s) to fix",
    "errors.title": "{n} field(s) to fix (the preview keeps their last valid values):",
    "errors.other": "Other",
    "compliance.ok": "Compliance check passed",
    "compliance.bad": "{n} compliance finding(s)",
    "compliance.hint": "Marked at their fields and highlighted in red in the specimen. Issuing it would be refused.",
    "diff.base": "Base",
    "diff.head": "Head",
    "diff.compare": "Compare",
    "diff.onlyChanges": "Changes only",
    "diff.none": "This template has only its current version: no other version was committed or used by a document.",
    "diff.identical": "Both versions produce exactly the same text for this case.",
    "diff.summary": "{changed} changed, {deleted} deleted, {inserted} inserted, {equal} unchanged sentences",
    "diff.unchanged": "… {n} unchanged …",
    "diff.loading": "Comparing…",
    "diff.current": "current",
    "diff.neverUsed": "never used",
    "diff.firstUsed": "first used {date}",
    "skip.toDocument": "Skip to the document and downloads",
    "editor.datePlaceholder": "YYYY-MM-DD, e.g. 2025-03-07",
    "editor.auto": "Computed",
    "draft.restored": "Your unsaved draft was restored.",
    "saved.name": "Case name",
    "saved.save": "Save case",
    "saved.pick": "Saved cases",
    "saved.load": "Load",
    "saved.delete": "Delete",
    "saved.none": "(none)",
    "saved.saved": "Saved “{name}”.",
    "saved.loaded": "Loaded “{name}”.",
    "saved.deleted": "Deleted “{name}”.",
    "saved.needName": "Enter a case name first.",
    "batches.heading": "Batches",
    "batches.refresh": "Refresh",
    "batches.id": "Batch",
    "batches.state": "Status",
    "batches.progress": "Progress",
    "batches.counts": "Documents",
    "batches.created": "Submitted",
    "batches.outputs": "Outputs",
    "batches.none": "No batch has been submitted yet.",
    "batches.shown": "The newest {n} batch(es)",
    "batches.forbidden": "This key lacks the submitter or auditor role needed to see batches.",
    "batches.issuedOf": "{issued} of {total} issued",
    "batches.refused": "{n} refused",
    "batches.failed": "{n} failed",
    "batches.invalid": "{n} invalid",
    "batches.cancelled": "{n} cancelled",
    "batches.building": "Building…",
    "batches.archive": "ZIP",
    "batches.printPdf": "Print PDF",
    "batches.status.queued": "Queued",
    "batches.status.running": "Running",
    "batches.status.succeeded": "Succeeded",
    "batches.status.partially_failed": "Partly failed",
    "batches.status.failed": "Failed",
    "batches.status.cancelled": "Cancelled",
    "discard.confirm": "Your edits to this case will be replaced and cannot be recovered. Continue?",
    "json.invalidAt": "Invalid JSON near line {line}, column {column}.",
    "json.invalidPlain": "Invalid JSON: check brackets, quotes and commas.",
    "compliance.pending": "Compliance check pending: the case has {n} error(s) to fix first",
    "compliance.letterNote": "The notes on the specimen are in the letter's language ({locale}).",
    "stale.fallback": "{n} value(s) in the preview are the last valid ones",
    "pair.label": "Side by side",
    "pair.none": "None",
    "diff.export": "Export report",
    "diff.firstChange": "first change: {text}",
    "diff.working": "working tree (not live)",
    "diff.live": "live",
    "diff.committed": "committed {date}",
    "frame.second": "Second preview ({locale})",
    "view.region": "Document preview, scroll with the arrow keys",
    "problem.generic": "Request failed ({status})",
    "problem.network": "Cannot reach the service: {message}",
    "punct.colon": ": ",
    "punct.join": "; ",
  },
};

// Labels of the case's fields and sections, by key (the last segment of a path).
const FIELDS = {
  zh: {
    case_id: "案件编号", issue_date: "出具日期", letter_number: "文书编号",
    creditor: "债权人", debtor: "债务人", loan: "借款", arrears: "欠款", repayment: "还款",
    contact: "联系", law_firm: "律所", litigation: "诉讼", agreement: "协议", options: "选项",
    name: "名称", uscc: "统一社会信用代码", address: "地址", phone: "电话", email: "电子邮箱",
    legal_representative: "法定代表人", id_type: "证件类型", id_number: "证件号码",
    contract_number: "合同编号", contract_date: "合同日期", principal: "本金", currency: "币种",
    annual_interest_rate: "年利率（小数）", overdue_annual_rate: "逾期年利率（小数）",
    term_months: "期限（月）", maturity_date: "到期日", as_of: "截至日期", interest: "利息",
    penalty_interest: "逾期利息（罚息）", fees: "费用", total: "合计", overdue_since: "逾期起始日",
    overdue_days: "逾期天数", deadline: "还款期限", account: "收款账户", number: "账号",
    bank: "开户行", channels: "还款渠道", hours: "联系时间", lawyers: "律师",
    license_number: "执业证号", reply_days: "回复期限（天）", court: "法院",
    jurisdiction_basis: "管辖依据", claims: "诉讼请求", intended_filing_date: "拟起诉日期",
    installments: "分期", due_date: "到期日", amount: "金额", waived: "减免",
    acceleration_after_days: "加速到期（逾期天数）", dispute_resolution: "争议解决方式",
    forum: "管辖法院/仲裁机构", guarantor: "担保人", mediator: "调解", organization: "调解组织",
    mask_personal_data: "遮蔽个人信息",
    co_debtors: "共同借款人", guarantors: "保证人", guarantee_type: "保证方式",
    guarantee_contract_number: "保证合同编号", addressees: "收件方式",
    delivery: "送达", method: "送达方式", tracking_number: "运单号", carrier: "快递公司",
    sent_on: "寄出日期", enclosures: "附件", title: "标题", pages: "页数", calculation: "计算依据",
    item: "项目", base: "计算基数", rate: "年利率（小数）", from: "起始日", to: "截止日",
    reply_slip: "附回执", credit_report_notice: "征信事先告知",
  },
  en: {
    case_id: "Case ID", issue_date: "Issue date", letter_number: "Letter number",
    creditor: "Creditor", debtor: "Debtor", loan: "Loan", arrears: "Arrears", repayment: "Repayment",
    contact: "Contact", law_firm: "Law firm", litigation: "Litigation", agreement: "Agreement",
    options: "Options", name: "Name", uscc: "Unified social credit code", address: "Address",
    phone: "Phone", email: "Email", legal_representative: "Legal representative",
    id_type: "ID type", id_number: "ID number", contract_number: "Contract number",
    contract_date: "Contract date", principal: "Principal", currency: "Currency",
    annual_interest_rate: "Annual rate (fraction)", overdue_annual_rate: "Overdue rate (fraction)",
    term_months: "Term (months)", maturity_date: "Maturity date", as_of: "As of",
    interest: "Interest", penalty_interest: "Penalty interest", fees: "Fees", total: "Total",
    overdue_since: "Overdue since", overdue_days: "Days overdue", deadline: "Deadline",
    account: "Account", number: "Account number", bank: "Bank", channels: "Channels",
    hours: "Hours", lawyers: "Lawyers", license_number: "Licence number",
    reply_days: "Reply within (days)", court: "Court", jurisdiction_basis: "Jurisdiction basis",
    claims: "Claims", intended_filing_date: "Intended filing date", installments: "Instalments",
    due_date: "Due date", amount: "Amount", waived: "Waived",
    acceleration_after_days: "Acceleration after (days)",
    dispute_resolution: "Dispute resolution", forum: "Forum", guarantor: "Guarantor",
    mediator: "Mediator", organization: "Organisation", mask_personal_data: "Mask personal data",
    co_debtors: "Joint borrowers", guarantors: "Guarantors", guarantee_type: "Guarantee type",
    guarantee_contract_number: "Guarantee contract number", addressees: "Addressees",
    delivery: "Delivery", method: "Method", tracking_number: "Tracking number", carrier: "Carrier",
    sent_on: "Sent on", enclosures: "Enclosures", title: "Title", pages: "Pages",
    calculation: "Calculation basis", item: "Item", base: "Base amount", rate: "Annual rate (fraction)",
    from: "From", to: "To", reply_slip: "Reply slip", credit_report_notice: "Credit-report notice",
  },
};

// Closed vocabularies of the case payload, shown as choices.
export const CHOICES = {
  id_type: ["resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other", "uscc"],
  guarantee_type: ["joint_and_several", "general"],
  addressees: ["all", "each"],
  jurisdiction_basis: ["contract_agreement", "defendant_domicile", "place_of_performance", "internet_court"],
  dispute_resolution: ["court", "arbitration"],
  currency: ["CNY"],
  method: ["ems", "registered_mail", "courier", "email", "sms_link", "in_person"],
  item: ["interest", "penalty_interest", "fees"],
};

const CHOICE_LABELS = {
  zh: {
    resident_id: "居民身份证", passport: "护照", hk_macau_permit: "港澳居民来往内地通行证",
    taiwan_permit: "台湾居民来往大陆通行证", other: "其他", contract_agreement: "合同约定管辖",
    defendant_domicile: "被告住所地", place_of_performance: "合同履行地",
    internet_court: "互联网法院", court: "诉讼", arbitration: "仲裁", CNY: "人民币 CNY",
    uscc: "统一社会信用代码（公司）", joint_and_several: "连带责任保证", general: "一般保证",
    all: "一份文书致全部收件人", each: "每位收件人各一封",
    ems: "EMS", registered_mail: "挂号信", courier: "快递", email: "电子邮件", sms_link: "短信链接",
    in_person: "当面送达", interest: "利息", penalty_interest: "逾期利息（罚息）", fees: "费用",
  },
  en: {
    resident_id: "Resident ID card", passport: "Passport", hk_macau_permit: "HK/Macau permit",
    taiwan_permit: "Taiwan permit", other: "Other", contract_agreement: "Agreed in the contract",
    defendant_domicile: "Defendant's domicile", place_of_performance: "Place of performance",
    internet_court: "Internet court", court: "Court", arbitration: "Arbitration", CNY: "CNY",
    uscc: "Unified social credit code (company)", joint_and_several: "Joint and several",
    general: "General", all: "One document to all", each: "One letter each",
    ems: "EMS", registered_mail: "Registered mail", courier: "Courier", email: "E-mail",
    sms_link: "SMS link", in_person: "In person", interest: "Interest",
    penalty_interest: "Penalty interest", fees: "Fees",
  },
};

export const DOCUMENT_NAMES = {
  zh: {
    dunning_letter: "催收函", lawyer_letter: "律师函",
    litigation_notice: "起诉通知", repayment_agreement: "还款协议",
  },
  en: {
    dunning_letter: "Dunning letter", lawyer_letter: "Lawyer's letter",
    litigation_notice: "Litigation notice", repayment_agreement: "Repayment agreement",
  },
};

export const LOCALE_NAMES = {
  zh: { "zh-CN": "简体中文（内地）", "zh-HK": "繁體中文（香港）", "zh-TW": "繁體中文（台灣）", "en-US": "English (US)", "en-GB": "English (UK)" },
  en: { "zh-CN": "Chinese, Simplified (CN)", "zh-HK": "Chinese, Traditional (HK)", "zh-TW": "Chinese, Traditional (TW)", "en-US": "English (US)", "en-GB": "English (UK)" },
};

let current = "zh";

export function initLanguage() {
  let saved = null;
  try {
    saved = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null; // storage may be disabled; Chinese stays the default
  }
  current = saved === "en" ? "en" : "zh";
  return current;
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = lang === "en" ? "en" : "zh";
  try {
    window.localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // not remembered, but still applied
  }
}

export function acceptLanguage() {
  return current === "en" ? "en-GB, en;q=0.9" : "zh-CN, zh;q=0.9";
}

export function t(key, values = {}) {
  return tIn(current, key, values);
}

// A text in a given language ("zh" or "en"), whatever the page's: the compliance bar speaks the
// specimen's language.
export function tIn(lang, key, values = {}) {
  const text = (UI[lang] ?? UI.zh)[key] ?? UI.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

// The page language a document locale reads: en-US / en-GB → en, every Chinese edition → zh.
export function documentLanguage(locale) {
  return locale?.startsWith("en") ? "en" : "zh";
}

export function fieldLabel(key) {
  if (/^\d+$/.test(key)) return t("editor.item", { n: Number(key) + 1 });
  return FIELDS[current][key] ?? key.replace(/_/g, " ");
}

const RULE_NAMES = {
  zh: {
    interest_cap: "利率上限", notice_period: "还款期限过短", reply_days: "回复期限过短",
    filing_date: "起诉日期", escalation_order: "文书顺序", contact_hours: "联系时间",
    payment_account: "收款账户", forbidden_wording: "禁用措辞",
  },
  en: {
    interest_cap: "Interest cap", notice_period: "Notice period too short", reply_days: "Reply period too short",
    filing_date: "Filing date", escalation_order: "Order of documents", contact_hours: "Contact hours",
    payment_account: "Repayment account", forbidden_wording: "Forbidden wording",
  },
};

// A rule id as a reviewer reads it: forbidden_wording.threat → 禁用措辞.
export function ruleName(rule) {
  const family = rule.split(".")[0];
  return RULE_NAMES[current][family] ?? family.replace(/_/g, " ");
}

// A finding as one line: the rule's name, unless the message already begins with it.
export function findingText(finding) {
  const name = finding.ruleName ?? ruleName(finding.rule);
  return finding.message.startsWith(name) ? finding.message : `${name}${t("punct.colon")}${finding.message}`;
}

// Machine names in a message (issue_date, arrears.as_of) replaced by the fields' labels.
export function humanText(text) {
  return String(text).replace(/\b[a-z]+(?:[._][a-z]+)+\b/g, (token) => {
    const parts = token.split(".");
    if (!parts.every((part) => part in FIELDS[current])) return token;
    const label = parts.map((part) => FIELDS[current][part]).join(current === "en" ? " › " : "·");
    return current === "en" ? `“${label}”` : `「${label}」`;
  });
}

export function choiceLabel(value) {
  return CHOICE_LABELS[current][value] ?? value;
}

export function applyStaticTexts(root = document) {
  document.documentElement.lang = current === "en" ? "en" : "zh-CN";
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  }
  for (const element of root.querySelectorAll("[data-i18n-title]")) {
    element.title = t(element.dataset.i18nTitle);
  }
  for (const button of root.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === current));
  }
  document.title = `${t("app.title")} · doc_service`;
}

// The litigation notice's evidence list (litigation.evidence[]) and the translations (i18n) an
// object's printed text may carry.
Object.assign(FIELDS.zh, {
  evidence: "证据", title: "名称", purpose: "证明目的", pages: "页数",
  i18n: "译文", en: "英文", "zh-Hant": "繁体中文",
});
Object.assign(FIELDS.en, {
  evidence: "Evidence", title: "Title", purpose: "What it proves", pages: "Pages",
  i18n: "Translations", en: "English", "zh-Hant": "Traditional Chinese",
});
