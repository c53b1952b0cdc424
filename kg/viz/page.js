/* The page's behaviour. Every label, alias, title and URL is data: it enters the DOM only
   through textContent, or an href checked to be http(s). Nothing here uses innerHTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var DIM_NODE = "#e2e8f0", DIM_EDGE = "#edf2f7", DIM_FONT = "#cbd5e0", FONT = "#1a202c";
  var DAY = 86400000;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(source) {
    var text = source.title || source.url || source.id;
    if (!/^https?:\/\//i.test(source.url || "")) return el("span", text);
    var a = el("a", text);
    a.href = source.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/ё/g, "е").trim();
  }
  function covers(spells, d) {
    if (d === null || !spells) return true;
    for (var i = 0; i < spells.length; i++) {
      var s = spells[i][0], e = spells[i][1];
      if ((s === null || s <= d) && (e === null || d < e)) return true;
    }
    return false;
  }
  function spellText(spells) {
    if (!spells) return "";
    return spells.map(function (sp) { return (sp[0] || "…") + " – " + (sp[1] || "now"); })
      .join("; ");
  }
  function edgeKey(e, d) {
    var status = e.status;
    if (d && e.statusSpells) {         // the status held on that day
      for (var i = 0; i < e.statusSpells.length; i++) {
        var sp = e.statusSpells[i];
        if ((sp[1] === null || sp[1] <= d) && (sp[2] === null || d < sp[2])) { status = sp[0]; break; }
      }
    }
    return e.relation === "membership" && status && DATA.edgeStyles[status] ? status
      : (DATA.edgeStyles[e.relation] ? e.relation : "other");
  }
  function sourcesOf(item) {
    return (item.src || []).map(function (i) {   // positions in DATA.sources
      var s = DATA.sources[i] || ["", String(i), String(i)];
      return { id: s[2], url: s[0], title: s[1] };
    });
  }
  function statusText(e) {
    if (!e.statusSpells || e.statusSpells.length < 2) return e.status || "";
    return e.statusSpells.map(function (sp) {
      return sp[0] + " " + (sp[1] || "…") + " – " + (sp[2] || "now");
    }).join("; ");
  }
  function labelOf(n, lang) {
    return (n.labels && (n.labels[lang] || n.labels.en)) || n.label || n.id;
  }
  function shortOf(n, lang) {   // what the canvas draws: an acronym for a long name
    var l = n.labels && n.labels[lang] ? lang : "en";
    return (n.short && n.short[l]) || labelOf(n, lang);
  }

  // ------------------------------------------------------------------ data
  var nodeById = new Map(), edgeById = new Map(), edgesOf = new Map();
  DATA.nodes.forEach(function (n) {
    nodeById.set(n.id, n);
    edgesOf.set(n.id, []);
    var keys = [n.id, n.label].concat(Object.values(n.labels || {}), n.aliases || []);
    n._search = Array.from(new Set(keys.map(norm)));
  });
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    e._key = edgeKey(e, null);
    e._cur = e._key;
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) edgesOf.get(e.to).push(e);
  });
  var state = {
    all: !DATA.at, date: DATA.at || DATA.range[1] || null, lang: DATA.lang, org: "",
    classes: new Set(Object.keys(DATA.classes)), edgeKeys: new Set(Object.keys(DATA.edgeStyles)),
    selected: null, shownNodes: new Set(), shownEdges: new Set()
  };

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return { id: n.id, label: shortOf(n, state.lang), x: n.x, y: n.y, size: n.size,
             shape: n.shape, color: n.color, font: { color: FONT, size: n.font.size },
             hidden: false };
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, color: { color: e.color, highlight: "#1a202c",
             hover: "#4a5568" }, dashes: e.dashes, width: e.width, hidden: false };
  }));
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, DATA.options);

  // ------------------------------------------------------------------ visibility
  function update() {
    var d = state.all ? null : state.date;
    var showN = new Set(), showE = new Set();
    DATA.nodes.forEach(function (n) {
      if (state.classes.has(n.type) && covers(n.spells, d)) showN.add(n.id);
    });
    var restyle = [];
    DATA.edges.forEach(function (e) {
      var key = edgeKey(e, d);
      if (key !== e._cur) {
        e._cur = key;
        var st = DATA.edgeStyles[key];
        restyle.push({ id: e.id, color: { color: st.color }, dashes: st.dashes, width: st.width });
      }
      if (showN.has(e.from) && showN.has(e.to) && state.edgeKeys.has(key) &&
          covers(e.spells, d)) showE.add(e.id);
    });
    if (restyle.length) edges.update(restyle);
    if (state.org && showN.has(state.org)) {
      var keep = new Set([state.org]);
      edgesOf.get(state.org).forEach(function (e) {
        if (showE.has(e.id)) { keep.add(e.from); keep.add(e.to); }
      });
      showN = keep;
      showE.forEach(function (id) {
        var e = edgeById.get(id);
        if (!keep.has(e.from) || !keep.has(e.to)) showE.delete(id);
      });
    } else if (state.org) {
      showN = new Set(); showE = new Set();
    }
    var nChanges = [], eChanges = [];
    DATA.nodes.forEach(function (n) {
      var was = state.shownNodes.has(n.id), is = showN.has(n.id);
      if (was !== is || !state.initialised) nChanges.push({ id: n.id, hidden: !is });
    });
    DATA.edges.forEach(function (e) {
      var was = state.shownEdges.has(e.id), is = showE.has(e.id);
      if (was !== is || !state.initialised) eChanges.push({ id: e.id, hidden: !is });
    });
    state.shownNodes = showN; state.shownEdges = showE; state.initialised = true;
    if (nChanges.length) nodes.update(nChanges);
    if (eChanges.length) edges.update(eChanges);
    if (state.selected && !showN.has(state.selected)) select(null);
    else highlight(state.selected);
    $("counts").textContent = showN.size + " of " + DATA.nodes.length + " nodes, " +
      showE.size + " of " + DATA.edges.length + " edges" +
      (d ? " on " + d : " (whole history)");
    renderLegendCounts();
  }

  // ------------------------------------------------------------------ highlight & details
  var dimmed = false;
  function highlight(id) {
    var nUp = [], eUp = [];
    if (!id) {
      if (!dimmed) return;
      DATA.nodes.forEach(function (n) { nUp.push({ id: n.id, color: n.color, font: { color: FONT, size: n.font.size } }); });
      DATA.edges.forEach(function (e) { eUp.push({ id: e.id, color: { color: DATA.edgeStyles[e._cur].color } }); });
      dimmed = false;
    } else {
      var near = new Set([id]), nearE = new Set();
      edgesOf.get(id).forEach(function (e) {
        if (state.shownEdges.has(e.id)) { near.add(e.from); near.add(e.to); nearE.add(e.id); }
      });
      DATA.nodes.forEach(function (n) {
        var on = near.has(n.id);
        nUp.push({ id: n.id, color: on ? n.color : DIM_NODE, font: { color: on ? FONT : DIM_FONT, size: n.font.size } });
      });
      DATA.edges.forEach(function (e) {
        eUp.push({ id: e.id, color: { color: nearE.has(e.id) ? DATA.edgeStyles[e._cur].color : DIM_EDGE } });
      });
      dimmed = true;
    }
    nodes.update(nUp);
    edges.update(eUp);
  }

  function select(id) {
    state.selected = id;
    if (id) network.selectNodes([id]); else network.unselectAll();
    highlight(id);
    showDetails(id);
  }

  function dl(rows) {
    var list = el("dl");
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "") return;
      list.appendChild(el("dt", r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
      list.appendChild(dd);
    });
    return list;
  }

  function sourceList(sources, limit) {
    var ul = el("ul");
    sources.slice(0, limit).forEach(function (s) { var li = el("li"); li.appendChild(link(s)); ul.appendChild(li); });
    if (sources.length > limit) ul.appendChild(el("li", "and " + (sources.length - limit) + " more", "muted"));
    return ul;
  }

  function showDetails(id) {
    var box = $("details");
    box.textContent = "";
    if (!id) {
      box.appendChild(el("p", "Click a node to see its facts and sources; click the background to clear.", "hint"));
      return;
    }
    var n = nodeById.get(id);
    box.appendChild(el("h3", labelOf(n, state.lang)));
    box.appendChild(dl([
      ["type", n.kind ? n.type + " (" + n.kind + ")" : n.type], ["id", n.id],
      ["start", n.start], ["end", n.end], ["in the graph", spellText(n.spells)],
      [DATA.sizeMeasure || "centrality", n.centrality],
      ["English", n.labels.en], ["Russian", n.labels.ru], ["Chinese", n.labels.zh],
      ["aliases", (n.aliases || []).join(" · ")]
    ]));
    var own = sourcesOf(n);
    if (own.length) {
      box.appendChild(el("h2", "Sources"));
      box.appendChild(sourceList(own, 20));
    }
    var mine = edgesOf.get(id);
    box.appendChild(el("h2", "Connections (" + mine.length + ")"));
    var ul = el("ul");
    mine.slice().sort(function (a, b) {
      var x = labelOf(nodeById.get(a.from === id ? a.to : a.from), state.lang);
      var y = labelOf(nodeById.get(b.from === id ? b.to : b.from), state.lang);
      return x.localeCompare(y);
    }).slice(0, 300).forEach(function (e) {
      var other = nodeById.get(e.from === id ? e.to : e.from);
      var li = el("li");
      var b = el("button", labelOf(other, state.lang), "link");
      b.type = "button";
      b.addEventListener("click", function () { pick(other.id); });
      li.appendChild(b);
      var status = statusText(e);
      var when = e.statusSpells && e.statusSpells.length > 1 ? "" : spellText(e.spells);
      li.appendChild(el("span", " — " + e.relation + (status ? ": " + status : "") +
                        (when ? ", " + when : ""), "muted"));
      if (!state.shownEdges.has(e.id)) li.classList.add("muted");
      var es = sourcesOf(e);
      if (es.length) li.appendChild(sourceList(es, 3));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  // ------------------------------------------------------------------ tooltip
  var tip = $("tooltip"), tipTimer = null, onTip = false;
  // the tooltip stays while the pointer is on it, so that its source links can be followed
  tip.addEventListener("mouseenter", function () { onTip = true; clearTimeout(tipTimer); });
  tip.addEventListener("mouseleave", function () { onTip = false; tip.hidden = true; });
  function hideTip(now) {
    clearTimeout(tipTimer);
    if (now) { tip.hidden = true; return; }
    tipTimer = setTimeout(function () { if (!onTip) tip.hidden = true; }, 400);
  }
  function showTip(content, pointer) {
    clearTimeout(tipTimer);
    tip.textContent = "";
    content.forEach(function (c) { tip.appendChild(c); });
    var rect = $("graph").getBoundingClientRect();
    tip.hidden = false;
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = Math.max(0, window.innerWidth - tip.offsetWidth - 4);
    if (y + tip.offsetHeight > window.innerHeight) y = Math.max(0, y - tip.offsetHeight - 28);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function nodeTip(n) {
    var parts = [el("b", labelOf(n, state.lang)),
                 el("div", (n.kind ? n.type + " · " + n.kind : n.type) + " · " + n.id, "muted")];
    var dates = n.start ? n.start + (n.end && n.end !== n.start ? " – " + n.end : "") : "";
    if (dates) parts.push(el("div", dates));
    if (n.spells && !n.start) parts.push(el("div", spellText(n.spells)));
    var own = sourcesOf(n);
    if (own.length) parts.push(sourceList(own, 3));
    return parts;
  }
  function edgeTip(e) {
    var a = nodeById.get(e.from), b = nodeById.get(e.to);
    var parts = [el("b", labelOf(a, state.lang) + " — " + labelOf(b, state.lang)),
                 el("div", e.relation + (e.status ? " · " + statusText(e) : ""), "muted")];
    if (e.spells) parts.push(el("div", spellText(e.spells)));
    var es = sourcesOf(e);
    if (es.length) parts.push(sourceList(es, 3));
    return parts;
  }
  network.on("hoverNode", function (p) { showTip(nodeTip(nodeById.get(p.node)), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(edgeById.get(p.edge)), p.pointer.DOM); });
  network.on("blurNode", function () { hideTip(false); });
  network.on("blurEdge", function () { hideTip(false); });
  network.on("dragStart", function () { hideTip(true); });
  network.on("zoom", function () { hideTip(true); });
  network.on("click", function (p) {
    hideTip(true);
    select(p.nodes.length ? p.nodes[0] : null);
  });

  // ------------------------------------------------------------------ search
  var results = $("results"), search = $("search"), found = [], active = 0;
  function find(q) {
    q = norm(q);
    if (!q) return [];
    var hits = [];
    DATA.nodes.forEach(function (n) {
      var best = 9, match = null;
      n._search.forEach(function (s) {
        var rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9;
        if (rank < best) { best = rank; match = s; }
      });
      if (best < 9) hits.push({ id: n.id, rank: best, match: match, size: n.size || 0 });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.size - a.size || (a.id < b.id ? -1 : 1); });
    return hits.slice(0, 15);
  }
  function renderResults() {
    results.textContent = "";
    found.forEach(function (h, i) {
      var n = nodeById.get(h.id), li = el("li");
      li.setAttribute("role", "option");
      li.dataset.id = n.id;
      if (i === active) li.classList.add("active");
      li.appendChild(el("span", labelOf(n, state.lang)));
      li.appendChild(el("span", " · " + n.type + (norm(labelOf(n, state.lang)) !== h.match ? " · " + h.match : ""), "type"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    results.hidden = found.length === 0;
  }
  search.addEventListener("input", function () { found = find(search.value); active = 0; renderResults(); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, found.length - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") { if (found[active]) pick(found[active].id); }
    else if (ev.key === "Escape") { results.hidden = true; }
  });
  search.addEventListener("blur", function () { results.hidden = true; });

  function pick(id) {
    var n = nodeById.get(id);
    results.hidden = true;
    if (!state.shownNodes.has(id)) {   // hidden by a filter or the date: show it
      state.classes.add(n.type);
      state.org = ""; $("org").value = "";
      if (!covers(n.spells, state.all ? null : state.date)) setAllTime(true);
      renderLegend();
      update();
    }
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 250 } });
  }

  // ------------------------------------------------------------------ date control
  var first = DATA.range[0] ? Date.parse(DATA.range[0] + "T00:00:00Z") : null;
  var last = DATA.range[1] ? Date.parse(DATA.range[1] + "T00:00:00Z") : null;
  var slider = $("slider"), dateInput = $("date"), allBox = $("alltime");
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  if (first === null) {
    $("when-box").hidden = true;
  } else {
    slider.max = String(Math.round((last - first) / DAY));
    dateInput.min = DATA.range[0];
    dateInput.max = DATA.range[1];
  }
  function setDate(d) {
    state.date = d;
    if (first !== null && d) {
      slider.value = String(Math.round((Date.parse(d + "T00:00:00Z") - first) / DAY));
      dateInput.value = d;
    }
  }
  function setAllTime(on) {
    state.all = on;
    allBox.checked = on;
    $("when-box").classList.toggle("off", on);
  }
  setDate(state.date);
  setAllTime(state.all);
  slider.addEventListener("input", function () {
    setAllTime(false);
    setDate(iso(first + Number(slider.value) * DAY));
    update();
  });
  dateInput.addEventListener("change", function () {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateInput.value)) return;
    setAllTime(false);
    setDate(dateInput.value);
    update();
  });
  allBox.addEventListener("change", function () { setAllTime(allBox.checked); update(); });

  // ------------------------------------------------------------------ legend & filters
  function swatch(cls) {
    var s = el("span", null, "swatch " + cls.shape);
    s.style.background = cls.color;
    s.style.color = cls.color;
    return s;
  }
  function edgeSwatch(style) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28"); svg.setAttribute("height", "10");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "28"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", style.color);
    line.setAttribute("stroke-width", String(Math.max(1.5, style.width)));
    if (style.dashes) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    svg.appendChild(line);
    return svg;
  }
  var legendCounts = {};
  function renderLegend() {
    var present = new Set(DATA.nodes.map(function (n) { return n.type; }));
    var presentE = new Set();
    DATA.edges.forEach(function (e) {
      presentE.add(e._key);
      (e.statusSpells || []).forEach(function (sp) { presentE.add(edgeKey({ relation: e.relation, status: sp[0] }, null)); });
    });
    var ul = $("legend-classes"), ue = $("legend-edges");
    ul.textContent = ""; ue.textContent = ""; legendCounts = {};
    // one entry: a swatch, a name, a count; a click hides or shows what it stands for
    function entry(list, countKey, sw, name, set, k) {
      var li = el("li");
      li.appendChild(sw);
      li.appendChild(el("span", name));
      legendCounts[countKey] = li.appendChild(el("span", "", "n"));
      li.classList.toggle("off", !set.has(k));
      li.addEventListener("click", function () {
        if (set.has(k)) set.delete(k); else set.add(k);
        li.classList.toggle("off", !set.has(k));
        update();
      });
      list.appendChild(li);
      return li;
    }
    Object.keys(DATA.classes).forEach(function (k) {
      if (present.has(k)) {
        entry(ul, "n:" + k, swatch(DATA.classes[k]), DATA.classes[k].name, state.classes, k)
          .dataset.cls = k;
      }
    });
    Object.keys(DATA.edgeStyles).forEach(function (k) {
      if (presentE.has(k)) {
        entry(ue, "e:" + k, edgeSwatch(DATA.edgeStyles[k]), k, state.edgeKeys, k).dataset.edge = k;
      }
    });
  }
  function renderLegendCounts() {
    var counts = {};
    state.shownNodes.forEach(function (id) { var k = "n:" + nodeById.get(id).type; counts[k] = (counts[k] || 0) + 1; });
    state.shownEdges.forEach(function (id) { var k = "e:" + edgeById.get(id)._cur; counts[k] = (counts[k] || 0) + 1; });
    Object.keys(legendCounts).forEach(function (k) { legendCounts[k].textContent = String(counts[k] || 0); });
  }
  var orgSelect = $("org");
  DATA.organizations.forEach(function (o) {
    var opt = el("option", o[1]);
    opt.value = o[0];
    orgSelect.appendChild(opt);
  });
  if (!DATA.organizations.length) orgSelect.hidden = true;
  orgSelect.addEventListener("change", function () { state.org = orgSelect.value; update(); });

  var langSelect = $("lang");
  langSelect.value = state.lang;
  langSelect.addEventListener("change", function () {
    state.lang = langSelect.value;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, label: shortOf(n, state.lang) }; }));
    DATA.organizations.forEach(function (o, i) { orgSelect.options[i + 1].textContent = labelOf(nodeById.get(o[0]), state.lang); });
    showDetails(state.selected);
  });

  // ------------------------------------------------------------------ buttons
  $("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  function png() {
    var src = $("graph").querySelector("canvas");
    var c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(src, 0, 0);
    return c.toDataURL("image/png");
  }
  $("png").addEventListener("click", function () {
    var a = document.createElement("a");
    a.download = "postsoviet-kg-graph.png";
    a.href = png();
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  // ------------------------------------------------------------------ start
  renderLegend();
  update();
  window.kgView = {
    network: network, data: DATA, state: state, pick: pick, select: select, png: png,
    setDate: function (d) { setAllTime(d === null); if (d) setDate(d); update(); },
    shown: function () { return { nodes: state.shownNodes.size, edges: state.shownEdges.size }; },
    drawn: function () {
      var b = network.body, n = 0, e = 0;
      b.nodeIndices.forEach(function (id) { if (!b.nodes[id].options.hidden) n++; });
      b.edgeIndices.forEach(function (id) { var x = b.edges[id]; if (!x.options.hidden && x.connected) e++; });
      return { nodes: n, edges: e };
    },
    ready: null
  };
  network.once("afterDrawing", function () {
    window.kgView.ready = performance.now();
    document.body.dataset.ready = "1";
    if (DATA.focus && nodeById.has(DATA.focus)) select(DATA.focus);
  });
})();
