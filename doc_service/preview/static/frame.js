// The specimen frame: show new HTML without losing the reader's place, mark what changed and
// where the compliance findings are. The frame runs no script (sandbox without allow-scripts);
// allow-same-origin only lets this page read and mark it. Marks use the CSSOM, which the
// inherited CSP allows, not <style> elements, which it would block.

const BLOCKS = "p, li, td, th, h1, h2, h3, h4, dd, dt, div:not(:has(p, li, td, div))";
const CHANGED = { background: "#fff3b0", boxShadow: "-6px 0 0 #e0b000" };
const FINDING = { background: "#fde2e0", boxShadow: "-6px 0 0 #b42318" };

function blocksOf(doc) {
  return [...doc.querySelectorAll(BLOCKS)].filter((element) => element.textContent.trim());
}

function paint(element, style) {
  for (const [name, value] of Object.entries(style)) element.style[name] = value;
}

export class SpecimenFrame {
  constructor(frame, scroller) {
    this.frame = frame;
    this.scroller = scroller;
    this.previous = null; // texts of the last shown version's blocks
    this.findings = [];
    frame.addEventListener("load", () => this.loaded());
  }

  // Show new HTML; the outer pane scrolls, so its position survives the swap.
  show(html, { findings = [] } = {}) {
    this.findings = findings;
    this.keep = this.scroller.scrollTop;
    this.frame.srcdoc = html;
  }

  doc() {
    try {
      return this.frame.contentDocument;
    } catch {
      return null;
    }
  }

  loaded() {
    const doc = this.doc();
    if (!doc?.body) return;
    const blocks = blocksOf(doc);
    const texts = blocks.map((element) => element.textContent.replace(/\s+/g, ""));
    if (this.previous) {
      const before = new Set(this.previous);
      blocks.forEach((element, index) => {
        if (!before.has(texts[index])) {
          element.dataset.changed = "";
          paint(element, CHANGED);
        }
      });
    }
    this.previous = texts;
    this.markFindings(blocks);
    this.fit();
    this.scroller.scrollTop = this.keep ?? 0;
  }

  markFindings(blocks) {
    for (const finding of this.findings) {
      const needles = finding.needles.map((text) => text.replace(/\s+/g, "")).filter((text) => text.length > 1);
      const hit = blocks.find((element) => {
        const text = element.textContent.replace(/\s+/g, "");
        return needles.some((needle) => text.includes(needle));
      });
      if (hit) {
        hit.dataset.finding = finding.rule;
        paint(hit, FINDING);
      }
    }
  }

  // The frame as tall as its document, so the page pane (focusable, keyboard-scrollable) scrolls.
  fit() {
    const doc = this.doc();
    if (!doc?.documentElement) return;
    const height = Math.max(doc.documentElement.scrollHeight, doc.body.scrollHeight);
    this.frame.style.height = `${height + 4}px`;
  }

  forget() {
    this.previous = null;
  }

  changedTexts() {
    const doc = this.doc();
    return doc ? [...doc.querySelectorAll("[data-changed]")].map((element) => element.textContent.trim()) : [];
  }

  findingTexts() {
    const doc = this.doc();
    return doc ? [...doc.querySelectorAll("[data-finding]")].map((element) => element.textContent.trim()) : [];
  }
}
