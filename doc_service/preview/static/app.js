// The preview page: pick a template, edit its sample case, see the specimen and what changed.

import { askForKey } from "./keydialog.js";
import { jsonProblem } from "./jsontext.js";
import { ApiError, apiFetch, apiJson, configureAuth, describeError, offeredFilename, storedKey, storeKey } from "./api.js";
import { BatchList } from "./batches.js";
import { SavedCases, loadDraft, saveDraft } from "./cases.js";
import { clockTime } from "./dates.js";
import { applyDerived } from "./derive.js";
import { ComplianceBar, needlesOf } from "./compliance.js";
import { exportReport, firstChange, renderDiff, shortDigest, summarise, versionLabel } from "./diff.js";
import { CaseForm } from "./form.js";
import { SpecimenFrame } from "./frame.js";
import { DOCUMENT_NAMES, LOCALE_NAMES, applyStaticTexts, initLanguage, language, setLanguage, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 450;

const state = {
  templates: [],
  documentType: null,
  locale: null,
  detail: null,
  view: "html",
  versions: [],
  comparison: null,
  renderTimer: null,
  renderController: null,
  pdfUrl: null,
  pdfStale: true,
  diffStale: true,
  lastErrors: null,
  lastGood: null, // the last case the service rendered: the fallback for fields in error
  baseline: null, // the case as last loaded or saved, to warn before edits are replaced
  pairLocale: "",
  firstChanges: new Map(),
};

const form = new CaseForm($("case-form"), { onChange: () => caseChanged() });
const compliance = new ComplianceBar($, form);
const specimen = new SpecimenFrame($("doc-frame"), $("view-html"));
const pair = new SpecimenFrame($("pair-frame"), $("view-html"));

configureAuth({
  ask: askForKey,
  accepted: () => {
    $("key-button").hidden = false;
  },
});

// -- messages and status ---------------------------------------------------------------------

function showGlobal(message) {
  const box = $("global-message");
  box.textContent = message || "";
  box.hidden = !message;
}

function setBusy(busy, text) {
  $("spinner").hidden = !busy;
  document.body.classList.toggle("busy", busy);
  if (text !== undefined) $("status-text").textContent = text;
}

function handleFailure(error) {
  if (error?.name === "AbortError") return;
  setBusy(false, t("status.failed"));
  showGlobal(describeError(error));
}

// -- the template catalogue ------------------------------------------------------------------

function optionsOf(select, entries, selected) {
  select.replaceChildren(
    ...entries.map(([value, label]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      option.selected = value === selected;
      return option;
    }),
  );
}

function documentTypes() {
  return [...new Set(state.templates.map((entry) => entry.document_type))];
}

function localesOf(documentType) {
  return state.templates.filter((entry) => entry.document_type === documentType).map((entry) => entry.locale);
}

function fillPickers() {
  const names = DOCUMENT_NAMES[language()];
  optionsOf($("type-select"), documentTypes().map((type) => [type, names[type] ?? type]), state.documentType);
  const locales = LOCALE_NAMES[language()];
  optionsOf($("locale-select"), localesOf(state.documentType).map((locale) => [locale, locales[locale] ?? locale]), state.locale);
}

// The template the address names (#lawyer_letter/zh-CN), else the first one, in zh-CN if it can.
function templateFromHash() {
  const [hashType, hashLocale] = decodeURIComponent(window.location.hash.slice(1)).split("/");
  const types = documentTypes();
  const documentType = types.includes(hashType) ? hashType : types[0];
  const locales = localesOf(documentType);
  const locale = locales.includes(hashLocale) ? hashLocale : locales.includes("zh-CN") ? "zh-CN" : locales[0];
  return [documentType, locale];
}

async function loadCatalogue() {
  const body = await apiJson("/v1/templates");
  state.templates = body.templates;
  const [documentType, locale] = templateFromHash();
  await selectTemplate(documentType, locale, { newType: true });
}

function hashChanged() {
  if (!state.templates.length) return;
  const [documentType, locale] = templateFromHash();
  if (documentType === state.documentType && locale === state.locale) return;
  selectTemplate(documentType, locale, { newType: documentType !== state.documentType }).catch(handleFailure);
}

async function selectTemplate(documentType, locale, { newType }) {
  state.documentType = documentType;
  state.locale = locale;
  fillPickers();
  window.history.replaceState(null, "", `#${documentType}/${locale}`);
  setBusy(true, t("status.loading"));
  const detail = await apiJson(`/v1/templates/${encodeURIComponent(documentType)}/${encodeURIComponent(locale)}`);
  state.detail = detail;
  const chip = $("version-chip");
  $("version-digest").textContent = shortDigest(detail.version);
  chip.title = `${t("version.copy")}${detail.version}`;
  chip.hidden = false;
  if (newType) {
    // one case across the four documents: keep what was entered, add what this type needs
    if (!state.baseline) {
      const draft = loadDraft();
      form.load(draft?.case ?? detail.sample_case);
      form.overridden = new Set(draft?.overridden ?? []);
      if (draft) $("saved-status").textContent = t("draft.restored");
    }
    adoptSample(detail);
    if (!state.baseline) state.baseline = JSON.stringify(form.everything());
    specimen.forget();
    syncJson();
    keepDraft();
  }
  fillPairPicker();
  state.pdfStale = true;
  state.diffStale = true;
  showGlobal("");
  await Promise.all([renderNow(), loadVersions()]);
}

// -- rendering the specimen ------------------------------------------------------------------

function requestBody(format, caseObject = form.payload(), locale = state.locale) {
  return { document_type: state.documentType, locale, format, case: caseObject };
}

function keepDraft() {
  saveDraft({
    documentType: state.documentType,
    locale: state.locale,
    case: form.everything(),
    overridden: [...form.overridden],
  });
}

function caseChanged() {
  form.refreshValues(applyDerived(form.state, form.overridden));
  keepDraft();
  syncJson();
  state.pdfStale = true;
  state.diffStale = true;
  window.clearTimeout(state.renderTimer);
  state.renderTimer = window.setTimeout(() => renderNow(), DEBOUNCE_MS);
}

function showErrors(problem) {
  const shown = form.showErrors(problem.errors);
  state.lastErrors = problem;
  const summary = $("error-summary");
  $("error-summary-title").textContent = t("errors.title", { n: shown.length });
  const list = $("error-summary-list");
  list.replaceChildren(
    ...shown.map((entry) => {
      const item = document.createElement("li");
      const link = document.createElement("button");
      link.type = "button";
      link.className = "link";
      link.textContent = entry.label;
      link.addEventListener("click", () => {
        const target = entry.target?.matches("input, select, textarea") ? entry.target : entry.target?.querySelector("input, select, textarea");
        target?.closest("details")?.setAttribute("open", "");
        target?.focus();
        target?.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      item.append(link, document.createTextNode(`${t("punct.colon")}${entry.text}`));
      return item;
    }),
  );
  summary.hidden = shown.length === 0;
  $("stale").hidden = false;
  $("stale-text").textContent = t("stale.errors", { n: shown.length });
  compliance.pending(shown.length);
}

function clearErrors() {
  form.clearErrors();
  state.lastErrors = null;
  $("error-summary").hidden = true;
  $("stale").hidden = true;
}

async function checkCompliance(caseObject, signal) {
  try {
    const result = await apiJson("/v1/compliance/check", { method: "POST", json: requestBody("html", caseObject), signal });
    return result.violations;
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    return [];
  }
}

// The case with every field in error put back to its last rendered value, so the rest updates.
function fallbackCase(errors) {
  if (!state.lastGood) return null;
  const fallback = JSON.parse(JSON.stringify(form.payload()));
  let used = 0;
  for (const fullPath of Object.keys(errors)) {
    if (!fullPath.startsWith("case.")) return null;
    const keys = fullPath.slice(5).split(".");
    const last = keys.pop();
    const parent = keys.reduce((node, key) => (node == null ? undefined : node[key]), fallback);
    const good = [...keys, last].reduce((node, key) => (node == null ? undefined : node[key]), state.lastGood);
    if (parent == null || typeof parent !== "object") return null;
    if (good === undefined) delete parent[last];
    else parent[last] = good;
    used += 1;
  }
  // values derived from a field in error follow its last valid value too
  if (used) applyDerived(fallback, form.overridden);
  return used ? fallback : null;
}

async function renderSpecimen(caseObject, signal, { withCheck }) {
  const [response, findings] = await Promise.all([
    apiFetch("/v1/previews", { method: "POST", json: requestBody("html", caseObject), signal }),
    withCheck ? checkCompliance(caseObject, signal) : Promise.resolve(null),
  ]);
  const html = await response.text();
  if (signal.aborted) return;
  if (findings) compliance.findings = findings;
  const marks = (findings ?? []).map((finding) => ({ rule: finding.rule, needles: needlesOf(finding, caseObject) }));
  specimen.show(html, { findings: marks });
  if (state.pairLocale) {
    const other = await apiFetch("/v1/previews", { method: "POST", json: requestBody("html", caseObject, state.pairLocale), signal });
    pair.show(await other.text());
  }
}

async function renderNow() {
  window.clearTimeout(state.renderTimer);
  state.renderController?.abort();
  const controller = new AbortController();
  state.renderController = controller;
  setBusy(true, t("status.loading"));
  try {
    const caseObject = form.payload();
    await renderSpecimen(caseObject, controller.signal, { withCheck: true });
    if (controller.signal.aborted) return;
    state.lastGood = caseObject;
    compliance.errors = 0;
    compliance.show(state.locale);
    clearErrors();
    showGlobal("");
    setBusy(false, t("status.ready", { time: clockTime() }));
    if (state.view === "pdf") await showPdf();
    if (state.view === "diff" && state.diffStale) await compareNow();
  } catch (error) {
    if (controller.signal.aborted || error?.name === "AbortError") return;
    if (error instanceof ApiError && error.status === 422 && error.problem.errors) {
      showErrors(error.problem);
      setBusy(false, error.problem.title || t("status.failed"));
      showGlobal("");
      await renderFallback(error.problem.errors, controller);
    } else handleFailure(error);
  } finally {
    if (state.renderController === controller) state.renderController = null;
  }
}

// An error in one field does not freeze the rest: render with its last valid value instead.
async function renderFallback(errors, controller) {
  const fallback = fallbackCase(errors);
  if (!fallback) return;
  try {
    await renderSpecimen(fallback, controller.signal, { withCheck: false });
    $("stale-text").textContent = `${t("stale.errors", { n: Object.keys(errors).length })} · ${t("stale.fallback", { n: Object.keys(errors).length })}`;
  } catch {
    // the fallback is a convenience; the error list already says what to fix
  }
}

async function fetchFile(format) {
  return apiFetch("/v1/previews", { method: "POST", json: requestBody(format) });
}

async function showPdf() {
  if (!state.pdfStale) return;
  setBusy(true, t("status.downloading", { format: "PDF" }));
  try {
    const response = await fetchFile("pdf");
    const blob = await response.blob();
    if (state.pdfUrl) URL.revokeObjectURL(state.pdfUrl);
    state.pdfUrl = URL.createObjectURL(blob);
    $("pdf-frame").src = state.pdfUrl;
    state.pdfStale = false;
    setBusy(false, "");
  } catch (error) {
    reportRenderError(error);
  }
}

function reportRenderError(error) {
  if (error instanceof ApiError && error.status === 422 && error.problem.errors) {
    showErrors(error.problem);
    setBusy(false, error.problem.title || t("status.failed"));
  } else handleFailure(error);
}

async function download(format) {
  const button = $(`download-${format}`);
  button.disabled = true;
  setBusy(true, t("status.downloading", { format: format.toUpperCase() }));
  try {
    const response = await fetchFile(format);
    const blob = await response.blob();
    const name = offeredFilename(response, `specimen.${format}`);
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 30000);
    setBusy(false, t("status.downloaded", { file: name }));
  } catch (error) {
    reportRenderError(error);
  } finally {
    button.disabled = false;
  }
}

// -- edits kept, named cases, the second locale ------------------------------------------------

function confirmDiscard() {
  const dirty = state.baseline !== null && JSON.stringify(form.everything()) !== state.baseline;
  return !dirty || window.confirm(t("discard.confirm"));
}

const savedCases = new SavedCases({
  $,
  current: () => ({ documentType: state.documentType, caseObject: form.everything() }),
  replace: async (caseObject, documentType) => {
    form.load(caseObject);
    form.overridden.clear();
    state.baseline = JSON.stringify(form.everything());
    const locales = localesOf(documentType);
    if (documentType !== state.documentType && locales.length) {
      await selectTemplate(documentType, locales.includes(state.locale) ? state.locale : locales[0], { newType: true });
    } else {
      adoptSample(state.detail);
      caseChanged();
    }
  },
  confirmDiscard,
  failed: (error) => handleFailure(error),
});

function fillPairPicker() {
  const names = LOCALE_NAMES[language()];
  const others = localesOf(state.documentType).filter((locale) => locale !== state.locale);
  if (!others.includes(state.pairLocale)) state.pairLocale = "";
  optionsOf($("pair-select"), [["", t("pair.none")], ...others.map((locale) => [locale, names[locale] ?? locale])], state.pairLocale);
  $("pair-frame").hidden = !state.pairLocale;
  $("pair-frame").title = t("frame.second", { locale: names[state.pairLocale] ?? state.pairLocale });
  $("paper-wrap").classList.toggle("pair", Boolean(state.pairLocale));
}

// -- versions and comparison -----------------------------------------------------------------

async function loadVersions() {
  const { documentType, locale } = state;
  const body = await apiJson(`/v1/templates/${encodeURIComponent(documentType)}/${encodeURIComponent(locale)}/versions`);
  if (documentType !== state.documentType || locale !== state.locale) return;
  state.versions = body.versions;
  fillVersionPickers();
  $("diff-table").hidden = true;
  $("diff-rows").replaceChildren();
  $("diff-summary").textContent = state.versions.length < 2 ? t("diff.none") : "";
  if (state.view === "diff") await compareNow();
}

function fillVersionPickers() {
  const older = state.versions.filter((entry) => !entry.current);
  const current = state.versions.find((entry) => entry.current);
  const keepBase = $("base-select").value;
  const keepHead = $("head-select").value;
  const withHistory = state.versions.some((entry) => entry.committed_at);
  const entries = (list) => list.map((entry) => [entry.version, versionLabel(entry, state.firstChanges.get(entry.version), withHistory)]);
  const baseChoice = older.some((entry) => entry.version === keepBase) ? keepBase : older[0]?.version;
  const headChoice = state.versions.some((entry) => entry.version === keepHead) ? keepHead : current?.version;
  optionsOf($("base-select"), entries(older.length ? older : state.versions), baseChoice);
  optionsOf($("head-select"), entries(state.versions), headChoice);
  const usable = older.length > 0;
  $("base-select").disabled = !usable;
  $("head-select").disabled = !usable;
  $("compare-button").disabled = !usable;
}

async function compareNow() {
  if (state.versions.length < 2) return;
  const body = {
    document_type: state.documentType,
    locale: state.locale,
    case: form.payload(),
    base_version: $("base-select").value,
    head_version: $("head-select").value,
  };
  $("compare-button").disabled = true;
  setBusy(true, t("diff.loading"));
  try {
    const result = await apiJson("/v1/previews/comparisons", { method: "POST", json: body });
    state.comparison = result;
    state.diffStale = false;
    const first = firstChange(result.rows);
    if (first) state.firstChanges.set(result.base.version, first);
    fillVersionPickers();
    showComparison();
    setBusy(false, "");
  } catch (error) {
    reportRenderError(error);
  } finally {
    $("compare-button").disabled = state.versions.length < 2;
  }
}

function showComparison() {
  const result = state.comparison;
  if (!result) return;
  $("diff-base-head").textContent = `${t("diff.base")} · ${versionLabel(result.base)}`;
  $("diff-head-head").textContent = `${t("diff.head")} · ${versionLabel(result.head)}`;
  $("export-diff").disabled = false;
  $("diff-summary").textContent = result.identical ? t("diff.identical") : summarise(result.stats);
  renderDiff($("diff-rows"), result.rows, { onlyChanges: $("only-changes").checked });
  $("diff-table").hidden = false;
}

function exportComparison() {
  if (!state.comparison) return;
  const title = `${DOCUMENT_NAMES[language()][state.documentType] ?? state.documentType} ${state.locale}`;
  exportReport(state.comparison, title);
}

// -- views, JSON tab, language ---------------------------------------------------------------

function selectTab(ids, chosen) {
  for (const id of ids) $(id).setAttribute("aria-selected", String(id === chosen));
}

async function showView(view) {
  state.view = view;
  selectTab(["tab-html", "tab-pdf", "tab-diff"], `tab-${view}`);
  $("view-html").hidden = view !== "html";
  $("view-pdf").hidden = view !== "pdf";
  $("view-diff").hidden = view !== "diff";
  if (view === "pdf") await showPdf();
  if (view === "diff" && state.diffStale) await compareNow();
}

function syncJson() {
  if ($("json-editor").hidden) return;
  $("json-text").value = JSON.stringify(form.payload(), null, 2);
  $("json-status").textContent = "";
}

function showEditor(kind) {
  selectTab(["tab-form", "tab-json"], `tab-${kind}`);
  $("case-form").hidden = kind !== "form";
  $("json-editor").hidden = kind !== "json";
  if (kind === "json") syncJson();
}

function jsonEdited() {
  const status = $("json-status");
  let parsed;
  try {
    parsed = JSON.parse($("json-text").value);
  } catch (error) {
    status.textContent = jsonProblem($("json-text").value, error);
    status.classList.add("bad");
    return;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    status.textContent = t("json.notObject");
    status.classList.add("bad");
    return;
  }
  status.classList.remove("bad");
  status.textContent = t("json.ok");
  form.load(parsed, { learn: false });
  keepDraft();
  state.pdfStale = true;
  state.diffStale = true;
  window.clearTimeout(state.renderTimer);
  state.renderTimer = window.setTimeout(() => renderNow(), DEBOUNCE_MS);
}

function applyLanguage() {
  applyStaticTexts();
  $("key-button").hidden = !storedKey();
  if (state.templates.length) fillPickers();
  if (state.detail) {
    $("version-chip").title = `${t("version.copy")}${state.detail.version}`;
    form.render();
    fillVersionPickers();
    fillPairPicker();
    savedCases.fill($("saved-select").value);
    batches.render();
    showComparison();
    compliance.show(state.locale);
    // messages come back in the page's language
    renderNow();
  }
}

// The template's sample case, with empty lists of joint borrowers and guarantors whose items
// take the shape of the joint example's (so "add" offers every field of a party).
function adoptSample(detail) {
  const joint = detail.example_requests?.joint?.case;
  if (!joint) {
    form.adopt(detail.sample_case);
    return;
  }
  // one shape per list: every key any of its items has (a company's legal_representative too)
  const shapeOf = (items) => [Object.assign({}, ...(items ?? []))];
  form.learn({ co_debtors: shapeOf(joint.co_debtors), guarantors: shapeOf(joint.guarantors) }, "");
  form.adopt({ ...detail.sample_case, co_debtors: [], guarantors: [] });
}

function wire() {
  $("type-select").addEventListener("change", (event) => {
    const type = event.target.value;
    const locales = localesOf(type);
    const locale = locales.includes(state.locale) ? state.locale : locales[0];
    selectTemplate(type, locale, { newType: true }).catch(handleFailure);
  });
  $("locale-select").addEventListener("change", (event) => {
    selectTemplate(state.documentType, event.target.value, { newType: false }).catch(handleFailure);
  });
  $("reset-button").addEventListener("click", () => {
    if (state.detail && confirmDiscard()) {
      form.load(state.detail.sample_case);
      form.overridden.clear();
      adoptSample(state.detail);
      state.baseline = JSON.stringify(form.everything());
      caseChanged();
    }
  });
  $("pair-select").addEventListener("change", (event) => {
    state.pairLocale = event.target.value;
    $("pair-frame").hidden = !state.pairLocale;
    $("paper-wrap").classList.toggle("pair", Boolean(state.pairLocale));
    pair.forget();
    renderNow();
  });
  $("export-diff").addEventListener("click", () => exportComparison());
  $("tab-form").addEventListener("click", () => showEditor("form"));
  $("tab-json").addEventListener("click", () => showEditor("json"));
  $("json-text").addEventListener("input", () => {
    window.clearTimeout(state.jsonTimer);
    state.jsonTimer = window.setTimeout(jsonEdited, DEBOUNCE_MS);
  });
  $("tab-html").addEventListener("click", () => showView("html"));
  $("tab-pdf").addEventListener("click", () => showView("pdf").catch(handleFailure));
  $("tab-diff").addEventListener("click", () => showView("diff").catch(handleFailure));
  $("download-pdf").addEventListener("click", () => download("pdf"));
  $("download-docx").addEventListener("click", () => download("docx"));
  $("compare-button").addEventListener("click", () => compareNow());
  $("base-select").addEventListener("change", () => compareNow());
  $("head-select").addEventListener("change", () => compareNow());
  $("only-changes").addEventListener("change", () => showComparison());
  $("key-button").addEventListener("click", async () => {
    const key = await askForKey(false);
    if (key) {
      storeKey(key);
      loadCatalogue().catch(handleFailure);
    }
  });
  window.addEventListener("hashchange", hashChanged);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => {
      setLanguage(button.dataset.lang);
      applyLanguage();
    });
  }
}

initLanguage();
applyStaticTexts();
$("key-button").hidden = !storedKey();
$("export-diff").disabled = true;
wire();
const batches = new BatchList({ $ });
loadCatalogue()
  .then(() => Promise.all([savedCases.refresh(), batches.refresh()]))
  .catch(handleFailure);
