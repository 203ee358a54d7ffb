// Values a case derives from its other values: days overdue, the arrears total, instalment splits.

const DAY_MS = 86_400_000;

function days(from, to) {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(start) && Number.isFinite(end) ? Math.round((end - start) / DAY_MS) : null;
}

// Amounts are decimal strings; add them in cents so 0.1 + 0.2 stays 0.30.
function cents(value) {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value ?? "").trim());
  return match ? BigInt(match[1]) * 100n + BigInt((match[2] ?? "").padEnd(2, "0")) : null;
}

function amount(total) {
  const whole = total / 100n;
  const rest = String(total % 100n).padStart(2, "0");
  return `${whole}.${rest}`;
}

// Each rule: the path it fills (with * for every list item), and how, from the whole case.
export const DERIVED = [
  {
    path: "arrears.overdue_days",
    compute: (c) => {
      const n = days(c.arrears?.overdue_since, c.arrears?.as_of);
      return n === null || n < 0 ? undefined : n;
    },
  },
  {
    path: "arrears.total",
    compute: (c) => {
      const parts = ["principal", "interest", "penalty_interest", "fees"].map((k) => c.arrears?.[k] ?? "0");
      const values = parts.map(cents);
      return values.includes(null) ? undefined : amount(values.reduce((a, b) => a + b, 0n));
    },
  },
  {
    // an even split in cents; the odd cents go to the first instalment, as the sample does
    path: "agreement.installments.*.amount",
    compute: (c) => {
      const items = c.agreement?.installments;
      const total = cents(c.agreement?.total);
      if (!Array.isArray(items) || !items.length || total === null) return undefined;
      const n = BigInt(items.length);
      const share = total / n;
      return items.map((_, index) => amount(index === 0 ? total - share * (n - 1n) : share));
    },
  },
];

const pattern = (path) => path.replace(/\.\d+(?=\.|$)/g, ".*");

export function derivedRule(path) {
  return DERIVED.find((rule) => rule.path === pattern(path));
}

// Fill every derived value whose path is not overridden; return the paths that changed.
export function applyDerived(caseObject, overridden) {
  const changed = [];
  for (const rule of DERIVED) {
    const value = rule.compute(caseObject);
    if (value === undefined) continue;
    if (rule.path.includes("*")) {
      const [listPath, key] = rule.path.split(".*.");
      const items = listPath.split(".").reduce((node, k) => node?.[k], caseObject);
      value.forEach((entry, index) => {
        const path = `${listPath}.${index}.${key}`;
        if (overridden.has(path) || !items[index] || typeof items[index] !== "object") return;
        if (items[index][key] !== entry) {
          items[index][key] = entry;
          changed.push(path);
        }
      });
    } else {
      const keys = rule.path.split(".");
      const last = keys.pop();
      const parent = keys.reduce((node, k) => node?.[k], caseObject);
      if (!parent || overridden.has(rule.path) || !(last in parent)) continue;
      if (parent[last] !== value) {
        parent[last] = value;
        changed.push(rule.path);
      }
    }
  }
  return changed;
}
