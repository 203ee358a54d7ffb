// The case outlives the page: a draft in this browser, and named cases the service keeps per key.

import { apiFetch, apiJson } from "./api.js";
import { t } from "./i18n.js";

const DRAFT_KEY = "docService.preview.draft";

export function loadDraft() {
  try {
    const draft = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null");
    return draft && typeof draft.case === "object" && draft.case ? draft : null;
  } catch {
    return null; // storage off or a damaged draft: start from the sample
  }
}

export function saveDraft(draft) {
  try {
    window.localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // storage full or off: the case lives as long as the page
  }
}

const path = (name) => `/v1/preview-cases/${encodeURIComponent(name)}`;

// The bar above the form: name and save the case, pick a saved one, load or delete it.
export class SavedCases {
  constructor({ $, current, replace, confirmDiscard, failed }) {
    this.$ = $;
    this.current = current;
    this.replace = replace;
    this.confirmDiscard = confirmDiscard;
    this.failed = failed;
    this.names = [];
    $("saved-save").addEventListener("click", () => this.save().catch(failed));
    $("saved-load").addEventListener("click", () => this.load().catch(failed));
    $("saved-delete").addEventListener("click", () => this.remove().catch(failed));
  }

  say(text) {
    this.$("saved-status").textContent = text;
  }

  async refresh(selected) {
    const body = await apiJson("/v1/preview-cases");
    this.names = body.cases.map((entry) => entry.name);
    this.fill(selected);
  }

  fill(selected) {
    const select = this.$("saved-select");
    const options = this.names.length ? this.names : [""];
    select.replaceChildren(
      ...options.map((name) => {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = name || t("saved.none");
        option.selected = name === selected;
        return option;
      }),
    );
    this.$("saved-load").disabled = !this.names.length;
    this.$("saved-delete").disabled = !this.names.length;
  }

  async save() {
    const name = this.$("saved-name").value.trim();
    if (!name) {
      this.say(t("saved.needName"));
      this.$("saved-name").focus();
      return;
    }
    const { documentType, caseObject } = this.current();
    await apiFetch(path(name), { method: "PUT", json: { document_type: documentType, case: caseObject } });
    await this.refresh(name);
    this.say(t("saved.saved", { name }));
  }

  async load() {
    const name = this.$("saved-select").value;
    if (!name || !this.confirmDiscard()) return;
    const saved = await apiJson(path(name));
    await this.replace(saved.case, saved.document_type);
    this.$("saved-name").value = name;
    this.say(t("saved.loaded", { name }));
  }

  async remove() {
    const name = this.$("saved-select").value;
    if (!name) return;
    await apiFetch(path(name), { method: "DELETE" });
    await this.refresh();
    this.say(t("saved.deleted", { name }));
  }
}
