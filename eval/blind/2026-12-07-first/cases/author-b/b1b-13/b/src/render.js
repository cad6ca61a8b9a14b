const fmt = (n, cur) => new Intl.NumberFormat("en-GB", { style: "currency", currency: cur }).format(n);

export function totals(inv) {
  const net = inv.lines.reduce((s, l) => s + l.qty * l.unitPrice, 0);
  const tax = net * (inv.taxRate ?? 0);
  return { net, tax, gross: net + tax };
}

export function renderText(inv) {
  const t = totals(inv);
  const rows = inv.lines.map((l) => `${l.description.padEnd(40)} ${String(l.qty).padStart(5)} x ${fmt(l.unitPrice, inv.currency).padStart(12)} = ${fmt(l.qty * l.unitPrice, inv.currency).padStart(12)}`);
  return [
    `INVOICE ${inv.number}`,
    `Date: ${inv.date}    Due: ${inv.due}`,
    `Bill to: ${inv.customer.name} <${inv.customer.email}>`,
    "",
    ...rows,
    "",
    `Net:   ${fmt(t.net, inv.currency)}`,
    `Tax:   ${fmt(t.tax, inv.currency)} (${((inv.taxRate ?? 0) * 100).toFixed(1)}%)`,
    `Total: ${fmt(t.gross, inv.currency)}`,
  ].join("\n");
}

export function renderHtml(inv) {
  const t = totals(inv);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const rows = inv.lines.map((l) => `<tr><td>${esc(l.description)}</td><td>${l.qty}</td><td>${fmt(l.unitPrice, inv.currency)}</td><td>${fmt(l.qty * l.unitPrice, inv.currency)}</td></tr>`).join("");
  return `<h2>Invoice ${esc(inv.number)}</h2><p>Date ${inv.date}, due ${inv.due}</p><table>${rows}</table><p><b>Total ${fmt(t.gross, inv.currency)}</b></p>`;
}
