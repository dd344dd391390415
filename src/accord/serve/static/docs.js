// The API's reference, drawn offline from /openapi.json (no Swagger UI from a CDN).
"use strict";

function el(tag, text, cls) {
  const n = document.createElement(tag);
  if (text !== undefined && text !== null) n.textContent = String(text);
  if (cls) n.className = cls;
  return n;
}

async function main() {
  const schema = await (await fetch("/openapi.json")).json();
  document.getElementById("intro").textContent = schema.info.title + " " + schema.info.version + ": " +
    (schema.info.description || "");
  const ops = document.getElementById("ops");
  for (const [path, methods] of Object.entries(schema.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const box = el("section", null, "view");
      box.id = (method + path).replace(/[^a-z0-9]+/gi, "-");
      const h = el("h2", method.toUpperCase() + " " + path);
      box.append(h, el("p", op.summary || "", "summary"));
      const params = op.parameters || [];
      if (params.length) {
        const t = el("table");
        const head = el("tr");
        for (const c of ["parameter", "in", "type", "description"]) head.append(el("th", c));
        t.append(head);
        for (const p of params) {
          const r = el("tr");
          const sch = p.schema || {};
          const type = sch.type || (sch.anyOf || []).map((x) => x.type || (x.items ? "list" : "")).filter(Boolean).join(" | ");
          for (const c of [p.name + (p.required ? " *" : ""), p.in, type, p.description || ""]) r.append(el("td", c));
          t.append(r);
        }
        box.append(t);
      }
      const codes = Object.keys(op.responses || {}).join(", ");
      box.append(el("p", "answers: " + codes, "kv"));
      ops.append(box, el("br"));
    }
  }
}

main();
