// The compliance bar: findings in the UI's language, at their fields; pending while the case is invalid.

import { LOCALE_NAMES, findingText, language, ruleName, t } from "./i18n.js";

// What to look for in the specimen: the quoted words of the finding, and the field's own value.
export function needlesOf(finding, caseObject) {
  const quoted = [...finding.message.matchAll(/“([^”]+)”/g)].flatMap((match) => match[1].split(/”, “|”、“/));
  const value = finding.path.startsWith("case.")
    ? finding.path.slice(5).split(".").reduce((node, key) => node?.[key], caseObject)
    : undefined;
  return typeof value === "string" ? [...quoted, value] : quoted;
}

export class ComplianceBar {
  constructor($, form) {
    this.$ = $;
    this.form = form;
    this.findings = [];
    this.errors = null; // null: nothing checked yet; a number: errors in the case
  }

  // Never "passed" while the case is invalid: the check only speaks of a case the service accepts.
  pending(errors) {
    this.errors = errors;
    const box = this.$("compliance");
    box.hidden = false;
    box.classList.remove("bad");
    box.classList.add("pending");
    this.$("compliance-badge").textContent = t("compliance.pending", { n: errors });
    this.$("compliance-rules").textContent = "";
    this.$("compliance-list").replaceChildren();
    this.form.showFindings([]);
  }

  show(locale) {
    if (this.errors === null) return;
    if (this.errors > 0) {
      this.pending(this.errors);
      return;
    }
    const findings = this.findings.map((finding) => ({ ...finding, ruleName: ruleName(finding.rule) }));
    const count = findings.length;
    const box = this.$("compliance");
    box.hidden = false;
    box.classList.remove("pending");
    box.classList.toggle("bad", count > 0);
    this.$("compliance-badge").textContent = count > 0 ? t("compliance.bad", { n: count }) : t("compliance.ok");
    // the specimen's notes follow the letter; say so when that is not the UI's language
    const otherLanguage = locale.startsWith("en") !== (language() === "en");
    const letterNote = otherLanguage ? ` ${t("compliance.letterNote", { locale: LOCALE_NAMES[language()][locale] ?? locale })}` : "";
    this.$("compliance-rules").textContent = count > 0 ? `${t("compliance.hint")}${letterNote}` : "";
    this.$("compliance-list").replaceChildren(
      ...findings.map((finding) => {
        const item = document.createElement("li");
        item.textContent = findingText(finding);
        return item;
      }),
    );
    this.form.showFindings(findings);
  }
}
