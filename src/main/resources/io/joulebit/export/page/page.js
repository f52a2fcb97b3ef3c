// joulebit live page: polls api/v1/run and api/v1/history at most once a second and draws hand-made SVG charts.
// No library and no network beyond this agent (the page is served with a strict Content-Security-Policy).
'use strict';
(function () {
  const POLL_MS = 1000;
  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777',
    '#4b5563', '#65a30d', '#7c3aed', '#0f766e'];
  const PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

  /** 3 significant digits, trailing zeros dropped: 4.8, 12.3, 512. */
  function sig(x) { return String(Number(x.toPrecision(3))); }

  /** A number with its unit: SI prefixes from 1 up (4.8 MJ), plain between 0.01 and 1, else 3.7e-4. */
  function fmt(v, unit) {
    if (v === null || v === undefined || !isFinite(v)) return '—';
    const u = unit ? ' ' + unit : '';
    const a = Math.abs(v);
    if (a === 0) return '0' + u;
    if (a >= 1 && a < 1e27) {
      let p = Math.floor(Math.log10(a) / 3);
      let m = v / Math.pow(1000, p);
      if (Math.abs(Number(m.toPrecision(3))) >= 1000) { p += 1; m = v / Math.pow(1000, p); }
      // Prefixes join unit symbols (4.8 MJ, 12 Gbit); a count keeps its word apart (1.2 G tokens).
      const glue = unit === 'tokens' ? ' ' : '';
      return sig(m) + (PREFIXES[p] ? ' ' + PREFIXES[p] + (unit ? glue + unit : '') : u);
    }
    if (a >= 0.01 && a < 1) return sig(v) + u;
    const [m, e] = v.toExponential(2).split('e');
    return String(Number(m)) + 'e' + e.replace('+', '') + u;
  }

  function duration(s) {
    if (s === null || !isFinite(s)) return '—';
    s = Math.max(0, Math.floor(s));
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    const pad = (n) => String(n).padStart(2, '0');
    return h > 0 ? h + ' h ' + pad(m) + ' min' : m > 0 ? m + ' min ' + pad(sec) + ' s' : sec + ' s';
  }

  const $ = (id) => document.getElementById(id);
  const f = (run, key) => run.figures ? run.figures[key] : null;

  // The headline figures: key (data-key, as in /api/v1/run), label, value and unit.
  const CARDS = [
    ['energy_joules', 'Energy', (r) => f(r, 'energy_joules'), 'J'],
    ['tokens', 'Tokens', (r) => r.tokens, 'tokens'],
    ['last_loss_bits', 'Loss (train)', (r) => r.last_loss_bits, 'bit/token'],
    ['information_bits', 'Bits learned', (r) => f(r, 'information_bits'), 'bit'],
    ['energy_per_bit_joules', 'Energy per bit', (r) => f(r, 'energy_per_bit_joules'), 'J/bit'],
    ['energy_per_token_joules', 'Energy per token', (r) => f(r, 'energy_per_token_joules'), 'J/token'],
    ['landauer_efficiency_ratio', 'Landauer efficiency', (r) => f(r, 'landauer_efficiency_ratio'), ''],
    ['information_capacity_ratio', 'IC-1 capacity', (r) => f(r, 'information_capacity_ratio'), ''],
    ['negentropy_flux_total_bits_per_second', 'Negentropy flux', (r) => f(r, 'negentropy_flux_total_bits_per_second'), 'bit/s'],
    ['average_power_watts', 'Average power', (r) => f(r, 'average_power_watts'), 'W'],
    ['carbon_grams', 'Carbon', (r) => f(r, 'carbon_grams'), 'g CO₂e', true],
  ];
  const SUBS = {
    last_loss_bits: (r) => r.eval_loss_bits !== null && r.eval_loss_bits !== undefined ? 'eval ' + fmt(r.eval_loss_bits) : '',
    energy_joules: (r) => r.pue > 1 ? 'facility (PUE ' + r.pue + ')' : 'IT',
    landauer_efficiency_ratio: (r) => f(r, 'temperature_kelvin') ? 'at ' + fmt(f(r, 'temperature_kelvin'), 'K') : '',
    information_capacity_ratio: () => 'bits learned per model bit',
    negentropy_flux_total_bits_per_second: () => 'dB/dt',
  };

  function card(key, label) {
    const el = document.createElement('div');
    el.className = 'card';
    el.dataset.key = key;
    el.dataset.value = '';
    const l = document.createElement('div'); l.className = 'label'; l.textContent = label;
    const v = document.createElement('div'); v.className = 'value'; v.textContent = '—';
    const s = document.createElement('div'); s.className = 'sub';
    el.append(l, v, s);
    $('figures').append(el);
    return el;
  }

  /** "66.1 M tokens" as a large number and a smaller unit that may wrap under it on a narrow card. */
  function showValue(el, text) {
    const cut = text.indexOf(' ');
    const num = document.createElement('span'); num.className = 'num';
    num.textContent = cut < 0 ? text : text.slice(0, cut);
    if (cut < 0) { el.replaceChildren(num); return; }
    const unit = document.createElement('span'); unit.className = 'unit'; unit.textContent = text.slice(cut + 1);
    el.replaceChildren(num, document.createTextNode(' '), unit);
  }

  function renderRun(run) {
    $('run').textContent = run.run;
    $('elapsed').textContent = duration(run.elapsed_seconds);
    $('baseline').textContent = run.baseline_method || '—';
    $('scope').textContent = run.energy_scope === 'facility' ? 'facility (PUE ' + run.pue + ')' : 'IT';
    $('origin').textContent = run.token_origin;
    $('steps').textContent = String(run.steps);
    $('waiting').hidden = run.steps > 0;
    const reasons = (run.flags || []).join(', ');
    for (const [key, label, get, unit, optional] of CARDS) {
      const v = get(run);
      const has = v !== null && v !== undefined && isFinite(v);
      let el = document.querySelector('.card[data-key="' + key + '"]');
      if (!el) el = card(key, label);
      el.hidden = optional && !has;
      el.dataset.value = has ? String(v) : '';
      showValue(el.querySelector('.value'), fmt(has ? v : null, unit));
      el.title = has ? '' : 'not defined yet' + (reasons ? ': ' + reasons : '');
      el.querySelector('.sub').textContent = SUBS[key] ? SUBS[key](run) : '';
    }
    renderDevices(run.devices || []);
    $('page').dataset.sequence = String(run.sequence);
  }

  function renderDevices(devices) {
    const body = $('devices');
    body.replaceChildren(...devices.map((d) => {
      const tr = document.createElement('tr');
      tr.dataset.device = d.device;
      tr.dataset.watts = d.watts === null ? '' : String(d.watts);
      tr.dataset.energy = String(d.energy_joules);
      const cells = [d.device + ' (' + d.kind + ')', d.source, d.method, fmt(d.watts, 'W'), fmt(d.energy_joules, 'J'),
        d.celsius === null ? 'no sensor' : d.celsius.toFixed(0) + ' °C',
        d.utilization_ratio === null ? '—' : Math.round(d.utilization_ratio * 100) + ' %'];
      for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.append(td); }
      return tr;
    }));
  }

  function renderNotes(notes) {
    const list = $('notes');
    if (!notes.length) { const li = document.createElement('li'); li.className = 'ok'; li.textContent = 'no problems seen'; list.replaceChildren(li); return; }
    list.replaceChildren(...notes.map((n) => { const li = document.createElement('li'); li.className = n.level; li.textContent = n.text; return li; }));
  }

  // ---- history: merged incrementally; a changed resolution or run means a fresh copy ----
  let hist = null;

  function sinceParam() {
    if (!hist || hist.t.length < 2) return '';
    return '?since=' + hist.t[hist.t.length - 2];
  }

  function mergeHistory(h, since) {
    const fresh = !hist || since === '' || hist.run !== h.run || hist.res !== h.resolution_seconds;
    if (fresh) {
      hist = { run: h.run, res: h.resolution_seconds, t: h.t.slice(), series: {}, power: {} };
      for (const k in h.series) hist.series[k] = h.series[k].slice();
      for (const k in h.power_watts) hist.power[k] = h.power_watts[k].slice();
      return;
    }
    const cut = Number(since.slice(7));
    let keep = hist.t.length;
    while (keep > 0 && hist.t[keep - 1] > cut) keep--;
    const pad = (arr) => { while (arr.length < keep) arr.push(null); arr.length = keep; return arr; };
    hist.t.length = keep;
    hist.t.push(...h.t);
    for (const k in h.series) hist.series[k] = pad(hist.series[k] || []).concat(h.series[k]);
    for (const k in h.power_watts) hist.power[k] = pad(hist.power[k] || []).concat(h.power_watts[k]);
    // Drop what the server's window no longer holds, so a long-open page stays as small as the ring.
    let drop = 0;
    while (drop < hist.t.length && hist.t[drop] < h.now - h.window_seconds) drop++;
    if (drop > 0) {
      hist.t.splice(0, drop);
      for (const k in hist.series) hist.series[k].splice(0, drop);
      for (const k in hist.power) hist.power[k].splice(0, drop);
    }
  }

  // ---- charts: hand-made SVG ----
  function niceStep(span, n) {
    const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.append(e);
    return e;
  }

  function clock(t) {
    const d = new Date(t * 1000);
    return d.toTimeString().slice(0, 8).replace(/:00$/, '');
  }

  /** Draws lines (series: [{name, values}]) over hist.t into the figure with id `id`. */
  function chart(id, series, unit, options) {
    const fig = $(id), plot = fig.querySelector('.plot'), legend = fig.querySelector('.legend');
    const t = hist ? hist.t : [];
    let n = 0, ymin = Infinity, ymax = -Infinity;
    const log = options && options.log;
    for (const s of series) {
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        if (v === null || !isFinite(v) || (log && v <= 0)) continue;
        n++; ymin = Math.min(ymin, v); ymax = Math.max(ymax, v);
      }
    }
    fig.dataset.points = String(n);
    if (n === 0) {
      const e = document.createElement('div'); e.className = 'empty';
      e.textContent = options && options.empty || 'no data yet';
      plot.replaceChildren(e); legend.replaceChildren();
      return;
    }
    const W = Math.max(plot.clientWidth, 200), H = Math.max(plot.clientHeight, 120);
    const left = 58, right = 8, top = 8, bottom = 20;
    const t0 = t[0], t1 = Math.max(t[t.length - 1], t0 + 1);
    const useLog = log && ymax / ymin > 100;
    const tr = useLog ? Math.log10 : (v) => v;
    let lo = tr(ymin), hi = tr(ymax);
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) { const d = Math.abs(hi) * 0.05 || 1; lo -= d; hi += d; }
    let ticks = [];
    if (useLog) {
      lo = Math.floor(lo); hi = Math.ceil(hi);
      const every = Math.ceil((hi - lo) / 5);
      for (let e = lo; e <= hi; e += every) ticks.push(e);
    } else {
      const step = niceStep(hi - lo, 4);
      lo = Math.floor(lo / step) * step; hi = Math.ceil(hi / step) * step;
      for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
    }
    const x = (ti) => left + (ti - t0) / (t1 - t0) * (W - left - right);
    const y = (v) => top + (1 - (tr(v) - lo) / (hi - lo)) * (H - top - bottom);
    const yt = (u) => top + (1 - (u - lo) / (hi - lo)) * (H - top - bottom);
    const svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': fig.querySelector('figcaption').textContent });
    for (const u of ticks) {
      el('line', { class: 'axis', x1: left, x2: W - right, y1: yt(u), y2: yt(u) }, svg);
      const label = el('text', { x: left - 4, y: yt(u) + 3, 'text-anchor': 'end' }, svg);
      label.textContent = fmt(useLog ? Math.pow(10, u) : u, unit);
    }
    const xticks = W < 420 ? 2 : 4;
    for (let i = 0; i <= xticks; i++) {
      const ti = t0 + (t1 - t0) * i / xticks;
      const label = el('text', { x: x(ti), y: H - 5, 'text-anchor': i === 0 ? 'start' : i === xticks ? 'end' : 'middle' }, svg);
      label.textContent = clock(ti);
    }
    legend.replaceChildren();
    series.forEach((s, k) => {
      const color = PALETTE[k % PALETTE.length];
      let d = '', pen = 'M';
      for (let i = 0; i < s.values.length && i < t.length; i++) {
        const v = s.values[i];
        if (v === null || !isFinite(v) || (useLog && v <= 0)) { pen = 'M'; continue; }
        d += pen + x(t[i]).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
        pen = 'L';
      }
      if (d) el('path', { class: 'series', d: d, stroke: color, 'data-name': s.name }, svg);
      if (series.length > 1 && d) {
        const item = document.createElement('span');
        item.style.setProperty('--c', color);
        item.textContent = s.name;
        legend.append(item);
      }
    });
    plot.replaceChildren(svg);
  }

  function renderCharts() {
    const s = hist ? hist.series : {};
    const col = (k) => s[k] || [];
    chart('chart-power', Object.keys(hist ? hist.power : {}).map((d) => ({ name: d, values: hist.power[d] })), 'W',
      { empty: 'no power readings yet' });
    chart('chart-loss', [{ name: 'train', values: col('loss_bits') }, { name: 'eval', values: col('eval_loss_bits') }],
      '', { empty: 'waiting for the first step' });
    chart('chart-jpb', [{ name: 'J/bit', values: col('energy_per_bit_joules') }], 'J/bit', { log: true, empty: 'no bits learned yet' });
    chart('chart-bits', [{ name: 'bits', values: col('information_bits') }], 'bit', { empty: 'waiting for the first step' });
    chart('chart-flux', [{ name: 'flux', values: col('negentropy_flux_bits_per_second') }], 'bit/s', { empty: 'waiting for the first step' });
  }

  function status(state, text) {
    const s = $('status');
    s.dataset.state = state;
    s.textContent = text;
  }

  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
    if (!r.ok) throw new Error(url.split('?')[0] + ': HTTP ' + r.status);
    return r.json();
  }

  async function tick() {
    if (document.hidden) { setTimeout(tick, POLL_MS); return; } // a background tab asks nothing of the agent
    try {
      const since = sinceParam();
      const [run, h] = await Promise.all([getJson('api/v1/run'), getJson('api/v1/history' + since)]);
      mergeHistory(h, since);
      renderRun(run);
      renderNotes(h.notes || []);
      renderCharts();
      status('live', 'live · ' + new Date().toTimeString().slice(0, 8));
    } catch (e) {
      status('error', 'offline: ' + e.message + ' (retrying)');
    } finally {
      setTimeout(tick, POLL_MS);
    }
  }

  window.joulebitFormat = fmt; // for the page test: the same formatter the cards use
  window.addEventListener('resize', () => { if (hist) renderCharts(); });
  tick();
})();
