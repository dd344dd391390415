// accord dashboard: plain DOM, every text from the store set through textContent (never parsed
// as markup); the state lives in the URL's query string, so every view is a shareable link.
"use strict";

const QUAD = {1: ["verbal cooperation", "#4a90c2"], 2: ["material cooperation", "#2e9a5e"],
              3: ["verbal conflict", "#e0a030"], 4: ["material conflict", "#cf4a5a"]};
const FIELDS = ["a", "b", "c", "d", "type", "status", "since", "until", "q", "period", "focus"];
const $ = (id) => document.getElementById(id);
let countries = {};            // code -> name
let shapeCode = {};            // map shape (ISO numeric id, else its name) -> country code
let byName = {};               // lower-cased name -> code
let eventsCursor = null;
let loadedEvents = [];
let charts = [];
let map = null, mapLayer = null, shapes = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    url.searchParams.set(k, v);
  }
  const r = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await r.json();
  if (!r.ok) {
    const e = body.error || {};
    throw new Error((e.message || r.statusText) + (e.hint ? " (" + e.hint + ")" : ""));
  }
  return body;
}

// --- state <-> URL -------------------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const f of FIELDS) s[f] = p.get(f) || "";
  s.directed = p.get("directed") === "1";
  s.event = p.get("event") || "";
  s.period = s.period || "month";
  if (s.focus !== "2" || !(s.c && s.d)) s.focus = "";  // "2": the lower views show the compared dyad
  return s;
}

function writeState(s, push) {
  const p = new URLSearchParams();
  for (const f of FIELDS) if (s[f] && !(f === "period" && s[f] === "month")) p.set(f, s[f]);
  if (s.directed) p.set("directed", "1");
  if (s.event) p.set("event", s.event);
  const url = location.pathname + (p.toString() ? "?" + p.toString() : "");
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function label(code) { return code ? (countries[code] ? countries[code] + " (" + code + ")" : code) : ""; }

function codeOf(text) {
  const t = (text || "").trim();
  if (!t) return "";
  const m = t.match(/\(([A-Za-z]{3})\)\s*$/);
  if (m) return m[1].toUpperCase();
  if (/^[A-Za-z]{3}$/.test(t) && countries[t.toUpperCase()]) return t.toUpperCase();
  return byName[t.toLowerCase()] || t;
}

function fillForm(s) {
  for (const f of ["a", "b", "c", "d"]) $(f).value = label(s[f]);
  for (const f of ["type", "status", "since", "until", "q", "period"]) $(f).value = s[f];
  $("directed").checked = s.directed;
}

function formState() {
  const s = readState();
  for (const f of ["a", "b", "c", "d"]) s[f] = codeOf($(f).value);
  for (const f of ["type", "status", "since", "until", "q", "period"]) s[f] = $(f).value.trim();
  s.directed = $("directed").checked;
  s.event = "";
  if (!(s.c && s.d)) s.focus = "";
  return s;
}

// --- rendering -----------------------------------------------------------------------------

function say(text) { $("message").textContent = text || ""; }

function who(actors) {
  return [...new Set((actors || []).map((a) => {
    const name = a.entity || a.text;
    const tag = [a.country, a.sector].filter(Boolean).join("/");
    return tag && name !== a.country ? name + " (" + tag + ")" : (tag || name);
  }))].join(", ");
}

// the dyad the events table, actors, meetings, plans and map show: the first, or the compared one
function focused(s) { return s.focus === "2" ? [s.c, s.d] : [s.a, s.b]; }

function dateText(e) { return e.date ? e.date.value : (e.doc_date ? e.doc_date + " (report)" : "—"); }

async function render() {
  document.body.dataset.state = "loading";  // "ready" once every view is drawn (tests wait for it)
  try { await draw(); } finally { document.body.dataset.state = "ready"; }
}

async function draw() {
  const s = readState();
  fillForm(s);
  const [fa, fb] = focused(s);
  $("brief").href = fa && fb ? "/dyads/" + fa + "/" + fb + "/brief.html" : "#";
  $("export").href = "/export/jsonl" + (fa && fb ? "?dyad=" + fa + "-" + fb : "");
  say("");
  if (!s.a || !s.b) {
    $("overview").hidden = false;
    $("lower").hidden = true;
    await renderPairs();
    return;
  }
  $("overview").hidden = false;
  $("lower").hidden = false;
  const views = clear($("views"));
  charts.forEach((c) => c.destroy());
  charts = [];
  const pairs = [[s.a, s.b]];
  if (s.c && s.d) pairs.push([s.c, s.d]);
  const boxes = pairs.map(([a, b]) => el("div", {class: "view", "data-dyad": a + "-" + b}));
  views.append(...boxes);
  // both dyads asked for at once: the compare view costs one round trip, not two
  const reports = await Promise.all(pairs.map(([a, b]) =>
    api("/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b),
        {period: s.period, directed: s.directed ? "true" : ""}).catch((err) => err)));
  reports.forEach((report, i) => {
    if (report instanceof Error) boxes[i].append(el("p", {class: "summary", text: pairs[i].join("–") + ": " + report.message}));
    else renderView(boxes[i], report);
  });
  renderCompare(s, pairs, reports);
  const shown = reports[s.focus === "2" ? 1 : 0];
  if (shown && !(shown instanceof Error)) {
    renderActors(shown);
    renderMeetings(shown);
    renderPlanned(shown);
  }
  await loadEvents(s, true);
  await renderMap(s);
  if (s.event) await openEvent(s.event);
}

async function renderPairs() {
  const views = clear($("views"));
  const box = el("div", {class: "view"}, el("h2", {text: "Pick a dyad"}),
                 el("p", {class: "summary", text: "Type two country names above, or open one of the pairs in the store:"}));
  views.append(box);
  try {
    const {dyads} = await api("/dyads", {limit: 30});
    const list = el("table", {}, el("thead", {}, el("tr", {}, ["pair", "reports", "documents", "first", "last"].map(
      (h) => el("th", {text: h})))));
    const body = el("tbody");
    for (const d of dyads) {
      const link = el("a", {href: "?a=" + d.pair[0] + "&b=" + d.pair[1], text: d.names.join(" – ")});
      body.append(el("tr", {}, el("td", {}, link), el("td", {text: d.reports}), el("td", {text: d.documents}),
                     el("td", {text: d.first || "—"}), el("td", {text: d.last || "—"})));
    }
    list.append(body);
    box.append(dyads.length ? list : el("p", {text: "The store holds no events yet: run `accord run` first."}));
  } catch (err) { say(err.message); }
}

function periodSeries(report) {
  const labels = [...new Set(report.periods.map((p) => p.period))];
  const at = Object.fromEntries(labels.map((l, i) => [l, i]));
  const quads = {1: labels.map(() => 0), 2: labels.map(() => 0), 3: labels.map(() => 0), 4: labels.map(() => 0)};
  for (const r of report.rows) {
    if (r.counted && r.period in at && r.quad) quads[r.quad][at[r.period]] += 1;
  }
  const index = labels.map(() => 0);
  for (const p of report.periods) index[at[p.period]] += p.score_sum || 0;
  return {labels, quads, index};
}

function renderView(box, report) {
  const names = report.names || {};
  box.append(el("h2", {text: (names[report.a] || report.a) + " – " + (names[report.b] || report.b)}));
  const merged = report.reports > report.events ? " (merged from " + report.reports + " reports)" : "";
  box.append(el("p", {class: "summary", text: report.events + " events" + merged + ", " + report.documents +
    " documents" + (report.first ? ", " + report.first + " to " + report.last : "") +
    (report.undated.length ? "; " + report.undated.length + " undated" : "")}));
  const legend = el("div", {class: "legend"});
  for (const q of [1, 2, 3, 4]) legend.append(el("span", {}, el("i", {style: "background:" + QUAD[q][1]}), QUAD[q][0]));
  legend.append(el("span", {}, el("i", {style: "background:#1d2330;height:2px"}), "PLOVER-score index"));
  box.append(legend);
  const chart = el("div", {class: "timeline"});
  box.append(chart);
  const types = report.by_type.map((t) => t.type + " " + t.events).join(" · ");
  box.append(el("p", {class: "bytype", text: types ? "By type: " + types : "No counted events."}));
  const {labels, quads, index} = periodSeries(report);
  if (!labels.length || typeof uPlot === "undefined") {
    chart.append(el("p", {class: "note", text: "No dated events to chart."}));
    return;
  }
  const x = labels.map((_, i) => i);
  const cum = [], sum = labels.map(() => 0);
  for (const q of [1, 2, 3, 4]) { quads[q].forEach((v, i) => { sum[i] += v; }); cum.push(sum.slice()); }
  const bars = uPlot.paths.bars({size: [0.7, 60]});
  const series = [{}];
  const data = [x];
  for (const q of [4, 3, 2, 1]) {
    series.push({label: QUAD[q][0], fill: QUAD[q][1], stroke: QUAD[q][1], paths: bars, points: {show: false},
                 value: (u, v, si, i) => (i == null ? "" : quads[q][i])});
    data.push(cum[q - 1]);
  }
  series.push({label: "index", stroke: "#1d2330", width: 2, scale: "idx", points: {size: 4}});
  data.push(index);
  const width = Math.max(280, chart.clientWidth || box.clientWidth - 24);
  const opts = {
    width, height: 230, legend: {show: false}, cursor: {drag: {x: false, y: false}},
    scales: {x: {time: false, range: [-0.6, labels.length - 0.4]}, y: {range: (u, lo, hi) => [0, Math.max(1, hi)]}},
    axes: [
      {space: 90, incrs: [1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120],
       values: (u, splits) => splits.map((v) => (Number.isInteger(v) && labels[v]) || "")},
      {label: "events", size: 40},
      {scale: "idx", side: 1, label: "index", size: 44, grid: {show: false}},
    ],
    series,
  };
  const plot = new uPlot(opts, data, chart);
  plot.root.setAttribute("aria-label", "events by " + report.period + " with the PLOVER-score index");
  charts.push(plot);
}

function share(report, quad) {
  const q = (report.quads || []).filter((x) => x.quad === quad).reduce((n, x) => n + x.events, 0);
  return report.counted ? Math.round(100 * q / report.counted) + "%" : "—";
}

function meanScore(report) {
  const sum = (report.by_type || []).reduce((n, t) => n + (t.score_sum || 0), 0);
  return report.counted ? (sum / report.counted).toFixed(2) : "—";
}

function topOf(items, key, n) {
  const totals = {};
  for (const it of items || []) totals[it[key]] = (totals[it[key]] || 0) + it.events;
  return Object.entries(totals).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n)
    .map(([k, v]) => k + " " + v).join(" · ") || "—";
}

function renderCompare(s, pairs, reports) {
  // the two dyads side by side, figure by figure; a click on a dyad's name shows it below
  const box = clear($("compare"));
  box.hidden = pairs.length < 2;
  if (pairs.length < 2) return;
  const ok = reports.map((r) => !(r instanceof Error));
  const rows = [
    ["events", (r) => r.events + (r.reports > r.events ? " (" + r.reports + " reports)" : "")],
    ["documents", (r) => r.documents], ["sources", (r) => (r.sources || []).length],
    ["period", (r) => r.first ? r.first + " to " + r.last : "—"],
    ["mean PLOVER score", meanScore],
    ...[1, 2, 3, 4].map((q) => [QUAD[q][0], (r) => share(r, q)]),
    ["top types", (r) => topOf(r.by_type, "type", 3)],
    ["most active actors", (r) => (r.actors || []).slice(0, 3).map((k) => k.name + " (" + k.country + ")").join(", ") || "—"],
    ["planned ahead", (r) => (r.planned || []).filter((p) => p.future).length],
  ];
  const head = el("tr", {}, el("th", {text: "compare"}), pairs.map(([a, b], i) => el("th", {},
    el("button", {class: "focus" + ((s.focus === "2") === (i === 1) ? " on" : ""), "data-focus": i + 1,
                  "aria-pressed": (s.focus === "2") === (i === 1) ? "true" : "false",
                  text: label(a) + " – " + label(b),
                  onclick: () => { const t = readState(); t.focus = i === 1 ? "2" : ""; t.event = ""; writeState(t, true); render(); }}))));
  const body = rows.map(([name, f]) => el("tr", {"data-row": name}, el("th", {text: name}),
    reports.map((r, i) => el("td", {text: ok[i] ? String(f(r)) : "—"}))));
  box.append(el("table", {}, el("thead", {}, head), el("tbody", {}, body)),
             el("p", {class: "note", text: "The events, actors, meetings, plans and map below show the highlighted dyad; click the other to switch."}));
}

function renderActors(report) {
  const box = clear($("actors"));
  const sides = el("div", {class: "sides"});
  for (const code of [report.a, report.b]) {
    const rows = report.actors.filter((k) => k.country === code);
    const side = el("div", {"data-side": code}, el("h3", {text: label(code)}));
    if (!rows.length) side.append(el("p", {class: "note", text: "no named actors"}));
    else side.append(el("table", {}, el("tbody", {}, rows.map((k) => el("tr", {},
      el("td", {text: k.name}), el("td", {class: "kv", text: [k.sector, ...(k.roles || [])].filter(Boolean).join(", ")}),
      el("td", {text: k.events}))))));
    sides.append(side);
  }
  box.append(sides);
}

function renderMeetings(report) {
  const box = clear($("meetings"));
  const ties = report.ties.filter((t) => t.kind === "CONSULT");
  if (!ties.length) { box.append(el("p", {class: "note", text: "no meetings"})); return; }
  box.append(el("table", {}, el("tbody", {}, ties.map((t) => el("tr", {},
    el("td", {text: t.source + (t.source_country ? " (" + t.source_country + ")" : "")}),
    el("td", {text: t.target + (t.target_country ? " (" + t.target_country + ")" : "")}),
    el("td", {text: t.events + "×"}), el("td", {class: "kv", text: [...new Set(t.dates)].sort().join(", ")}))))));
}

function renderPlanned(report) {
  const box = clear($("planned"));
  if (!report.planned.length) { box.append(el("p", {class: "note", text: "nothing planned"})); return; }
  box.append(el("table", {}, el("tbody", {}, report.planned.map((p) => el("tr", {},
    el("td", {text: (p.date || "—") + (p.future ? " (ahead)" : "")}),
    el("td", {text: p.type + " · " + p.status}), el("td", {text: p.sentence}))))));
}

async function loadEvents(s, fresh) {
  const body = $("events").tBodies[0];
  if (fresh) { clear(body); loadedEvents = []; eventsCursor = null; }
  let page;
  try {
    const [fa, fb] = focused(s);
    page = await api("/events", {dyad: fa + "-" + fb, type: s.type, status: s.status, since: s.since,
                                 until: s.until, q: s.q, limit: 50, cursor: fresh ? "" : eventsCursor});
  } catch (err) { say(err.message); return; }
  eventsCursor = page.next;
  $("count").textContent = "(" + page.total + ")";
  $("more").hidden = !page.next;
  for (const e of page.events) {
    loadedEvents.push(e);
    const evidence = e.mentions.length ? e.mentions[0].text : e.trigger.text;
    const row = el("tr", {"data-id": e.id, tabindex: 0, onclick: () => selectEvent(e.id),
                          onkeydown: (ev) => { if (ev.key === "Enter") selectEvent(e.id); }},
      el("td", {text: dateText(e)}), el("td", {text: e.type + (e.mode ? ":" + e.mode : "")}),
      el("td", {text: e.status}), el("td", {text: who(e.actor)}), el("td", {text: who(e.recipient)}),
      el("td", {text: evidence}), el("td", {text: e.doc_source || (e.doc_origin || "").slice(0, 12)}));
    body.append(row);
  }
  if (!page.total) body.append(el("tr", {}, el("td", {colspan: 7, class: "note", text: "no events match"})));
}

function selectEvent(id) {
  const s = readState();
  s.event = id;
  writeState(s, true);
  openEvent(id);
}

function highlighted(text, spans) {
  // text with the [start, end) spans marked; spans sorted, overlaps merged
  const parts = [];
  let at = 0;
  for (const sp of spans.slice().sort((x, y) => x.start - y.start)) {
    const start = Math.max(sp.start, at), end = Math.min(sp.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(at, start), el("mark", {class: sp.cls || "", text: text.slice(start, end)}));
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}

async function openEvent(id) {
  $("detail").dataset.state = "loading";
  try { await showEvent(id); } finally { $("detail").dataset.state = "ready"; }
}

async function showEvent(id) {
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("open", tr.dataset.id === id);
  const panel = $("detail"), body = clear($("detail-body"));
  panel.hidden = false;
  let d;
  try { d = await api("/events/" + encodeURIComponent(id)); } catch (err) { body.append(el("p", {text: err.message})); return; }
  const e = d.event;
  body.append(el("p", {}, el("strong", {text: e.type + (e.mode ? ":" + e.mode : "")}), " · " + e.status + " · " + dateText(e)));
  body.append(el("p", {}, who(e.actor) || "—", " → ", who(e.recipient) || "—"));
  const why = [...e.actor, ...e.recipient].map((a) => '"' + a.text + '": ' + (a.reason || "no reason") +
                                                " (" + (a.confidence ?? 1).toFixed(2) + ")");
  if (why.length) body.append(el("p", {class: "kv", text: why.join(" · ")}));
  if (e.location) body.append(el("p", {class: "kv", text: "at " + e.location.text + (e.location.country ? " (" + e.location.country + ")" : "")}));
  for (const ev of d.evidence) {
    const s = ev.sentence;
    const spans = [{start: ev.start - s.start, end: ev.end - s.start}];
    body.append(el("blockquote", {class: "sentence"}, highlighted(s.text, spans)));
  }
  const doc = d.document || {};
  body.append(el("p", {class: "kv", text: [doc.title, doc.source, doc.published, doc.doc_origin].filter(Boolean).join(" · ")}));
  const article = el("div", {class: "article", hidden: true});
  body.append(el("button", {text: "Show in the article", onclick: async (ev) => {
    ev.target.disabled = true;
    const full = await api("/documents/" + encodeURIComponent(e.doc_id));
    const spans = e.mentions.map((m) => ({start: m.start, end: m.end}));
    spans.push({start: e.trigger.start, end: e.trigger.end, cls: "trigger"});
    clear(article).append(...highlighted(full.document.text, spans));
    article.hidden = false;
    const mark = article.querySelector("mark");
    if (mark) mark.scrollIntoView({block: "center"});
  }}), article);
  if (d.merged) {
    const m = d.merged;
    body.append(el("h3", {text: "Merged: " + m.members.length + " report(s), " + m.num_sources + " source(s)"}));
    for (const mem of m.members) {
      body.append(el("div", {class: "member"},
        el("div", {class: "kv", text: [mem.source || "source unknown", mem.published, mem.doc_origin].filter(Boolean).join(" · ")}),
        el("div", {text: mem.sentence}), el("div", {class: "why", text: "why: " + mem.why})));
    }
  }
}

// --- the map -------------------------------------------------------------------------------

const SHADES = ["#fde9b8", "#f7c873", "#eea34a", "#db7a33", "#b9532a"];

function shade(n, max) {
  if (!n) return null;
  return SHADES[Math.min(SHADES.length - 1, Math.floor(SHADES.length * Math.log1p(n) / Math.log1p(max + 1)))];
}

async function renderMap(s) {
  // countries shaded by how many of the dyad's events (under the filters) took place there, a
  // marker per place with coordinates; shapes matched by code (data/map_shapes.tsv), not by name
  if (typeof L === "undefined" || typeof topojson === "undefined") return;
  if (!map) {
    map = L.map("map", {attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 8, zoomSnap: 0.25});
    map.setView([35, 30], 2);
    try {
      const topo = await (await fetch("/static/vendor/countries-110m.json")).json();
      shapes = topojson.feature(topo, topo.objects.countries);
    } catch (err) { shapes = null; }
  }
  if (mapLayer) mapLayer.remove();
  mapLayer = L.layerGroup().addTo(map);
  const [fa, fb] = focused(s);
  let places = {countries: [], points: [], placed: 0, total: 0};
  try {
    places = await api("/places", {dyad: fa + "-" + fb, type: s.type, status: s.status, since: s.since,
                                   until: s.until, q: s.q});
  } catch (err) { say(err.message); }
  const counts = Object.fromEntries(places.countries.map((c) => [c.code, c.events]));
  const max = Math.max(1, ...places.countries.map((c) => c.events));
  const dyad = new Set([fa, fb]);
  let bounds = null;
  if (shapes) {
    const codeOfShape = (f) => shapeCode[f.id || f.properties.name] || "";
    const layer = L.geoJSON(shapes, {style: (f) => {
      const code = codeOfShape(f), fill = shade(counts[code] || 0, max), side = dyad.has(code);
      return {weight: side ? 1.8 : 0.5, color: side ? "#1d2330" : "#8a94a8", fillColor: fill || "#f5f3ee", fillOpacity: 1};
    }, onEachFeature: (f, l) => {
      const code = codeOfShape(f);
      l.feature.properties.code = code;
      // a node, not a string: Leaflet would parse a string as markup
      if (code && counts[code]) l.bindTooltip(el("span", {text: (countries[code] || code) + ": " + counts[code] + " event(s) here"}));
    }});
    layer.addTo(mapLayer);
    layer.eachLayer((l) => {
      const code = l.feature.properties.code;
      if (l.getElement && l.getElement()) {
        l.getElement().setAttribute("data-code", code);
        if (counts[code]) l.getElement().setAttribute("data-events", counts[code]);
      }
      if (dyad.has(code) || counts[code]) bounds = bounds ? bounds.extend(l.getBounds()) : l.getBounds();
    });
  }
  for (const p of places.points) {
    const tip = el("div", {}, el("strong", {text: p.place || "(place)"}), " · " + p.events + " event(s)");
    L.circleMarker([p.lat, p.lon], {radius: Math.min(14, 4 + 2 * Math.log2(p.events)), color: "#1d2330", weight: 1,
                                    fillColor: "#cf4a5a", fillOpacity: 0.85, className: "place"})
      .bindTooltip(tip).addTo(mapLayer);
  }
  $("map-note").textContent = places.placed
    ? places.placed + " of " + places.total + " event(s) name a place; " + places.countries.length +
      " countr" + (places.countries.length === 1 ? "y" : "ies") + " shaded by events, " + places.points.length + " place(s) marked"
    : "No event names a place; the dyad's countries are outlined.";
  if (bounds) map.fitBounds(bounds.pad(0.2), {maxZoom: 6});
  setTimeout(() => map.invalidateSize(), 0);
}

// --- start ---------------------------------------------------------------------------------

async function start() {
  try {
    const [{countries: rows, shapes: keyed}, health] = await Promise.all([api("/countries"), api("/health")]);
    shapeCode = keyed || {};
    const list = $("countries");
    for (const r of rows) {
      countries[r.code] = r.name;
      byName[r.name.toLowerCase()] = r.code;
      list.append(el("option", {value: r.name + " (" + r.code + ")", text: r.events ? r.events + " events" : ""}));
    }
    document.title = "accord · " + health.counts.events + " events";
  } catch (err) { say(err.message); }
  const types = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  for (const t of types) $("type").append(el("option", {value: t, text: t}));
  $("picker").addEventListener("submit", (ev) => { ev.preventDefault(); writeState(formState(), true); render(); });
  $("more").addEventListener("click", () => loadEvents(readState(), false));
  $("close").addEventListener("click", () => {
    $("detail").hidden = true;
    const s = readState(); s.event = ""; writeState(s, true);
  });
  window.addEventListener("popstate", render);
  window.addEventListener("resize", () => {
    for (const c of charts) c.setSize({width: Math.max(280, c.root.parentNode.clientWidth), height: 230});
  });
  await render();
}

start();
