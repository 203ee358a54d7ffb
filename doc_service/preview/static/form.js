// The case editor: a form generated from the sample case's structure, one section per part.

import { longDate } from "./dates.js";
import { derivedRule } from "./derive.js";
import { CHOICES, choiceLabel, fieldLabel, findingText, humanText, t } from "./i18n.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const pattern = (path) => path.replace(/\.\d+(?=\.|$)/g, ".*");

// A blank item shaped like a sample item: same keys, empty values.
function blankLike(value) {
  if (Array.isArray(value)) return [];
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, blankLike(item)]));
  }
  if (typeof value === "boolean") return value;
  return "";
}

// The payload: the form's values without the blanks (an empty field is an absent field).
function prune(value) {
  // a list keeps its blank items, so the API names the item that still needs filling in
  if (Array.isArray(value)) return value.map((item) => prune(item) ?? (isObject(item) ? {} : item));
  if (isObject(value)) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, prune(item)])
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === "" ? undefined : value;
}

function getAt(root, path) {
  return path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), root);
}

function setAt(root, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  const parent = keys.reduce((node, key) => node[key], root);
  parent[last] = value;
}

export class CaseForm {
  constructor(form, { onChange }) {
    this.form = form;
    this.onChange = onChange;
    this.state = {};
    this.kinds = new Map();
    this.itemShapes = new Map();
    this.collapsed = new Set();
    this.overridden = new Set(); // derived fields the reviewer fills in by hand
    this.shown = null; // the top-level parts the current document type uses
    this.uid = 0;
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => this.edited(event.target));
    form.addEventListener("change", (event) => {
      if (event.target.dataset.auto) this.toggleAuto(event.target);
      else if (event.target.type === "checkbox" || event.target.tagName === "SELECT") this.edited(event.target);
    });
    form.addEventListener("click", (event) => this.clicked(event));
  }

  // Take a whole case (the sample, or the JSON tab's text) as the form's state.
  load(caseObject, { learn = true } = {}) {
    this.state = clone(caseObject);
    if (learn) {
      this.kinds.clear();
      this.itemShapes.clear();
    }
    this.learn(this.state, "");
    this.render();
  }

  // Take another document type's sample as the shape: keep every value entered, add the parts
  // this type needs from its sample, show only those parts. Nothing of the case is dropped.
  adopt(sample) {
    const merge = (target, source) => {
      for (const [key, value] of Object.entries(source)) {
        if (!(key in target)) target[key] = clone(value);
        else if (isObject(target[key]) && isObject(value)) merge(target[key], value);
      }
    };
    merge(this.state, sample);
    this.learn(sample, "");
    this.shown = Object.keys(sample);
    this.render();
  }

  learn(value, path) {
    if (Array.isArray(value)) {
      if (value.length && !this.itemShapes.has(pattern(path))) {
        this.itemShapes.set(pattern(path), blankLike(value[0]));
      }
      value.forEach((item, index) => this.learn(item, `${path}.${index}`));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) this.learn(item, path ? `${path}.${key}` : key);
    } else if (typeof value === "number" || typeof value === "boolean") {
      this.kinds.set(pattern(path), typeof value);
    }
  }

  visible() {
    return Object.entries(this.state).filter(([key]) => !this.shown || this.shown.includes(key));
  }

  // What the API gets: the parts this document type uses, without blanks.
  payload() {
    return prune(Object.fromEntries(this.visible())) ?? {};
  }

  // Everything entered, for every document type (what a draft keeps).
  everything() {
    return clone(this.state);
  }

  render() {
    const focusedPath = document.activeElement?.dataset?.path;
    const general = this.visible().filter(([, value]) => !isObject(value));
    const fragment = document.createDocumentFragment();
    if (general.length) {
      const body = this.section("", t("editor.general"), fragment);
      for (const [key, value] of general) this.node(body, key, value, key);
    }
    for (const [key, value] of this.visible()) {
      if (!isObject(value)) continue;
      const body = this.section(key, fieldLabel(key), fragment);
      this.object(body, value, key);
    }
    this.form.replaceChildren(fragment);
    if (focusedPath) this.focus(focusedPath);
  }

  section(path, title, parent) {
    const badge = el("span", { class: "badge", hidden: true });
    const details = el(
      "details",
      { class: "section", "data-path": path || null, "data-section": path || "_general", open: !this.collapsed.has(path) },
      el("summary", {}, el("span", { class: "section-title", text: title }), badge),
    );
    details.addEventListener("toggle", () => {
      if (details.open) this.collapsed.delete(path);
      else this.collapsed.add(path);
    });
    const body = el("div", { class: "section-body" });
    details.append(body);
    parent.append(details);
    return body;
  }

  object(container, value, path) {
    for (const [key, item] of Object.entries(value)) this.node(container, key, item, `${path}.${key}`);
  }

  node(container, key, value, path) {
    if (Array.isArray(value)) this.list(container, key, value, path);
    else if (isObject(value)) {
      const group = el("fieldset", { class: "group", "data-path": path }, el("legend", { text: fieldLabel(key) }));
      container.append(group);
      this.object(group, value, path);
    } else this.field(container, key, value, path);
  }

  field(container, key, value, path) {
    const id = `f${(this.uid += 1)}`;
    const kind = this.kinds.get(pattern(path)) ?? typeof value;
    let input;
    if (kind === "boolean") {
      input = el("input", { type: "checkbox", id, "data-path": path, "data-kind": "boolean" });
      input.checked = Boolean(value);
    } else if (key in CHOICES) {
      input = el("select", { id, "data-path": path, "data-kind": "string" });
      const options = CHOICES[key].includes(value) || value === "" ? CHOICES[key] : [value, ...CHOICES[key]];
      if (value === "") input.append(el("option", { value: "", text: t("editor.empty") }));
      for (const option of options) input.append(el("option", { value: option, text: choiceLabel(option) }));
      input.value = String(value);
    } else {
      input = el("input", {
        type: "text",
        id,
        "data-path": path,
        "data-kind": kind === "number" ? "number" : "string",
        inputmode: kind === "number" ? "numeric" : /principal|interest|fees|total|amount|rate|base/.test(key) ? "decimal" : null,
        spellcheck: "false",
      });
      input.value = value ?? "";
    }
    const isDate = kind !== "boolean" && (DATE.test(String(value)) || /(^|_)(date|as_of|since|deadline)$/.test(key));
    const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
    const described = [error.id];
    const extras = [];
    if (isDate) {
      // ISO in the box (unambiguous, sortable), written out beside it in the page's language
      input.setAttribute("placeholder", t("editor.datePlaceholder"));
      input.dataset.date = "";
      const hint = el("p", { class: "field-hint date-hint", id: `${id}-date`, text: longDate(value) });
      described.unshift(hint.id);
      extras.push(hint);
    }
    const derived = derivedRule(path);
    let auto = null;
    if (derived) {
      const isAuto = !this.overridden.has(path);
      input.readOnly = isAuto;
      auto = el("label", { class: "auto" }, el("input", { type: "checkbox", "data-auto": path, checked: isAuto }), el("span", { text: t("editor.auto") }));
    }
    input.setAttribute("aria-describedby", described.join(" "));
    const label = el("label", { for: id }, el("span", { text: fieldLabel(key) }), el("span", { class: "key", text: key }));
    const wrapper = el("div", { class: `field field-${kind === "boolean" ? "check" : "text"}`, "data-field": path }, label, input, ...extras, error);
    if (auto) label.after(auto);
    container.append(wrapper);
  }

  list(container, key, items, path) {
    const box = el("div", { class: "list", "data-path": path });
    box.append(el("div", { class: "list-head" }, el("span", { class: "list-title", text: fieldLabel(key) })));
    items.forEach((item, index) => {
      const itemPath = `${path}.${index}`;
      const remove = el("button", {
        type: "button",
        class: "icon-button remove",
        "data-remove": itemPath,
        title: t("editor.remove"),
        "aria-label": `${t("editor.remove")} ${fieldLabel(key)} ${index + 1}`,
        text: "×",
      });
      if (isObject(item)) {
        const card = el("fieldset", { class: "item", "data-path": itemPath }, el("legend", { text: fieldLabel(String(index)) }), remove);
        this.object(card, item, itemPath);
        box.append(card);
      } else {
        const row = el("div", { class: "item-row" });
        this.field(row, String(index), item, itemPath);
        row.append(remove);
        box.append(row);
      }
    });
    box.append(
      el("button", { type: "button", class: "small add", "data-add": path, text: `＋ ${t("editor.add")}${fieldLabel(key)}` }),
    );
    container.append(box);
  }

  clicked(event) {
    const button = event.target.closest("button[data-add], button[data-remove]");
    if (!button) return;
    if (button.dataset.add) {
      const path = button.dataset.add;
      const items = getAt(this.state, path);
      const shape = this.itemShapes.get(pattern(path));
      items.push(shape === undefined ? "" : clone(shape));
      this.render();
      this.focus(`${path}.${items.length - 1}`);
    } else {
      const itemPath = button.dataset.remove;
      const keys = itemPath.split(".");
      const index = Number(keys.pop());
      getAt(this.state, keys.join(".")).splice(index, 1);
      this.render();
    }
    this.onChange();
  }

  focus(path) {
    const exact = this.form.querySelector(`[data-path="${CSS.escape(path)}"]`);
    const target = exact?.matches("input, select, textarea")
      ? exact
      : (exact ?? this.form).querySelector(`[data-path^="${CSS.escape(path)}"]:is(input, select, textarea)`);
    if (target) {
      target.closest("details")?.setAttribute("open", "");
      target.focus();
    }
  }

  // Put values computed elsewhere (derived fields) back into their inputs.
  refreshValues(paths) {
    for (const path of paths) {
      const input = this.form.querySelector(`input[data-path="${CSS.escape(path)}"]`);
      if (input && document.activeElement !== input) input.value = String(getAt(this.state, path) ?? "");
    }
  }

  toggleAuto(box) {
    const path = box.dataset.auto;
    if (box.checked) this.overridden.delete(path);
    else this.overridden.add(path);
    const input = this.form.querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (input) input.readOnly = box.checked;
    this.onChange();
  }

  edited(input) {
    const path = input.dataset.path;
    if (!path) return;
    if (input.dataset.date !== undefined) {
      const hint = input.parentElement.querySelector(".date-hint");
      if (hint) hint.textContent = longDate(input.value.trim());
    }
    let value;
    if (input.dataset.kind === "boolean") value = input.checked;
    else if (input.dataset.kind === "number" && /^\d+$/.test(input.value.trim())) value = Number(input.value.trim());
    else value = input.value;
    setAt(this.state, path, value);
    this.clearField(input.closest(".field"));
    this.onChange();
  }

  clearField(wrapper) {
    if (!wrapper) return;
    wrapper.classList.remove("invalid");
    const error = wrapper.querySelector(".field-error");
    error.hidden = true;
    error.textContent = "";
    wrapper.querySelector("[data-path]")?.removeAttribute("aria-invalid");
  }

  clearErrors() {
    for (const wrapper of this.form.querySelectorAll(".field.invalid")) this.clearField(wrapper);
    for (const note of this.form.querySelectorAll(".container-error")) note.remove();
    for (const element of this.form.querySelectorAll(".has-error")) element.classList.remove("has-error");
    for (const badge of this.form.querySelectorAll(".section .badge")) badge.hidden = true;
  }

  // Show each problem message next to the field its dotted path names; return them all.
  showErrors(errors) {
    this.clearErrors();
    const shown = [];
    for (const [fullPath, messages] of Object.entries(errors || {})) {
      const text = (Array.isArray(messages) ? messages : [messages]).map(humanText).join(t("punct.join"));
      const inCase = fullPath === "case" || fullPath.startsWith("case.");
      const path = inCase ? fullPath.slice(5) : null;
      const target = inCase ? this.closest(path) : null;
      if (target?.matches("input, select, textarea")) {
        const wrapper = target.closest(".field");
        wrapper.classList.add("invalid");
        const error = wrapper.querySelector(".field-error");
        error.textContent = error.textContent ? `${error.textContent}${t("punct.join")}${text}` : text;
        error.hidden = false;
        target.setAttribute("aria-invalid", "true");
      } else if (target) {
        target.classList.add("has-error");
        const note = el("p", { class: "container-error field-error", text: `${this.describe(path)}${t("punct.colon")}${text}` });
        const anchor = target.matches("details") ? target.querySelector(".section-body") : target;
        anchor.prepend(note);
      }
      const section = target?.closest("details.section");
      if (section) {
        section.open = true;
        const badge = section.querySelector(".badge");
        badge.textContent = String(Number(badge.hidden ? 0 : badge.textContent) + 1);
        badge.hidden = false;
      }
      shown.push({ path: fullPath, label: inCase ? this.describe(path) : fullPath, text, target });
    }
    return shown;
  }

  // Mark the fields compliance findings concern, with the finding's text in the UI's language.
  showFindings(findings) {
    for (const note of this.form.querySelectorAll(".finding-note")) note.remove();
    for (const wrapper of this.form.querySelectorAll(".field.finding")) wrapper.classList.remove("finding");
    for (const finding of findings) {
      if (!finding.path.startsWith("case.")) continue;
      const target = this.closest(finding.path.slice(5));
      const wrapper = target?.closest(".field") ?? target;
      if (!wrapper || wrapper.matches("details")) continue;
      wrapper.classList.add("finding");
      const note = el("p", { class: "finding-note", text: findingText(finding) });
      wrapper.append(note);
      wrapper.closest("details")?.setAttribute("open", "");
    }
  }

  // The element of a path, or of its nearest ancestor the form shows.
  closest(path) {
    const keys = path ? path.split(".") : [];
    while (keys.length) {
      const found = this.form.querySelector(`[data-path="${CSS.escape(keys.join("."))}"]`);
      if (found) return found;
      keys.pop();
    }
    return this.form.querySelector('[data-section="_general"]');
  }

  describe(path) {
    return path ? path.split(".").map(fieldLabel).join(" › ") : t("editor.general");
  }
}
