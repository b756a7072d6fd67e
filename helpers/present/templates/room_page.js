// The participant page's behaviour (helpers.present.room_page). Everything it asks about and
// every rule it applies comes from the JSON in #room-data, generated from the datasets and
// the Python declarations; this file holds no question, item, word or limit of its own.
// Text from the data reaches the page only through textContent, never as HTML.
(() => {
  'use strict';
  const DATA = JSON.parse(document.getElementById('room-data').textContent);
  const $ = (id) => document.getElementById(id);
  const ROUNDS = DATA.rounds.map(String);
  const STORE = 'briefing-room:' + DATA.dataHash; // answers, per version of the data
  const SECRET = 'briefing-room-secret:'; // + room code: the server's key for this browser
  const CHECK_EVERY_MS = 15000; // the results are checked at most this often
  const body = document.body;

  // --- the answers, kept in this browser -------------------------------------------------
  const emptyRound = () => ({ ratings: {}, forecasts: {} });
  function loadState() {
    let s = null;
    try { s = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { s = null; }
    if (!s || typeof s !== 'object') s = {};
    s.name = typeof s.name === 'string' ? s.name : '';
    s.round = ROUNDS.includes(String(s.round)) ? String(s.round) : ROUNDS[0];
    s.rounds = s.rounds && typeof s.rounds === 'object' ? s.rounds : {};
    for (const r of ROUNDS) {
      const one = s.rounds[r] && typeof s.rounds[r] === 'object' ? s.rounds[r] : emptyRound();
      one.ratings = one.ratings && typeof one.ratings === 'object' ? one.ratings : {};
      one.forecasts = one.forecasts && typeof one.forecasts === 'object' ? one.forecasts : {};
      s.rounds[r] = one;
    }
    return s;
  }
  const state = loadState();
  function persist() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  const current = () => state.rounds[state.round];
  const isEmpty = (one) => !Object.keys(one.ratings).length && !Object.keys(one.forecasts).length;

  // --- the ICD 203 word: the forecasts model's rule (words_for: every word whose range
  // holds the probability, ends included), on the dataset's ranges ----------------------
  function wordsFor(percent) {
    const p = percent / 100;
    return DATA.words.filter((w) => w.low / 100 - 1e-9 <= p && p <= w.high / 100 + 1e-9)
      .map((w) => w.word);
  }
  function wordText(percent) {
    if (percent === null || percent === undefined) return 'not answered';
    const words = wordsFor(percent);
    if (words.length) return words.join(' or ');
    const low = DATA.words[0].low;
    const high = DATA.words[DATA.words.length - 1].high;
    return `no ICD 203 word (its words run from ${low}% to ${high}%)`;
  }

  // --- names: helpers.data.names.clean_name's checks, in its order ---------------------
  const RULE = DATA.names;
  const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;
  const SCRIPT = Object.fromEntries(RULE.scripts.map(
    (s) => [s, new RegExp(`\\p{Script=${s[0]}${s.slice(1).toLowerCase()}}`, 'u')]));
  const title = (s) => s[0] + s.slice(1).toLowerCase();
  const tidy = (text) => text.normalize('NFC').split(/\s+/u).filter(Boolean).join(' ');
  function nameKey(name) {
    const folded = Array.from(name.normalize('NFKC').toLowerCase())
      .map((c) => (c in RULE.skeleton ? RULE.skeleton[c] : c)).join('');
    return folded.split(/\s+/u).filter(Boolean).join(' ');
  }
  function nameProblem(text) {
    const name = tidy(String(text));
    if (!name) return 'an empty name';
    for (const c of name) {
      if (INVISIBLE.test(c)) {
        const code = c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
        return `an invisible or control character (U+${code})`;
      }
    }
    const length = Array.from(name).length;
    if (length > RULE.maxLength) return `${length} characters (at most ${RULE.maxLength})`;
    const scripts = new Set();
    for (const c of name) {
      if (!/\p{L}/u.test(c)) continue;
      for (const [s, re] of Object.entries(SCRIPT)) if (re.test(c)) scripts.add(s);
    }
    if (scripts.size > 1) {
      return 'letters of scripts that look alike mixed in one name ('
        + Array.from(scripts).sort().map(title).join(' and ') + '): type it in one script';
    }
    const key = nameKey(name);
    if (RULE.reserved.some((p) => key === p || [' ', "'", '('].some((e) => key.startsWith(p + e)))) {
      return 'a name the views keep for their own rows (names beginning '
        + RULE.reserved.map((p) => `'${p}'`).join(' or ') + ')';
    }
    if (RULE.formulaStart.some((f) => name.startsWith(f))) {
      return `a name cannot begin with ${RULE.formulaStart.slice(0, -1).join(', ')} or `
        + `${RULE.formulaStart[RULE.formulaStart.length - 1]} (spreadsheets read it as a formula)`;
    }
    return '';
  }
  function showNameProblem() {
    const why = nameProblem($('name').value);
    $('name-problem').textContent = why ? `That name cannot be used: ${why}.` : '';
    $('name').setAttribute('aria-invalid', why ? 'true' : 'false');
    return why;
  }

  // --- the controls, drawn from the current round ---------------------------------------
  const selects = Array.from(document.querySelectorAll('select[data-item]'));
  function setForecastControls(qid, answer) {
    const p = answer && typeof answer.p === 'number' ? answer.p : null;
    const slider = $('s-' + qid);
    const typed = $('p-' + qid);
    if (document.activeElement !== typed) typed.value = p === null ? '' : String(p);
    slider.value = p === null ? '50' : String(Math.round(p));
    slider.classList.toggle('unset', p === null);
    slider.setAttribute('aria-valuetext', p === null ? 'not answered' : `${p}%, ${wordText(p)}`);
    $('w-' + qid).textContent = wordText(p);
    const why = $('why-' + qid);
    if (document.activeElement !== why) why.value = answer && answer.why ? answer.why : '';
  }
  function draw() {
    const one = current();
    for (const sel of selects) {
      const row = one.ratings[sel.dataset.item] || {};
      sel.value = row[sel.dataset.column] || '';
    }
    for (const q of DATA.questions) setForecastControls(q.id, one.forecasts[q.id]);
    for (const r of ROUNDS) { const radio = $('round-' + r); if (radio) radio.checked = r === state.round; }
    $('server-round').textContent = roomInfo && roomInfo.round
      ? `Round ${roomInfo.round} is open.` : (roomInfo ? 'No round is open yet: wait for the chair.' : '');
  }
  function setForecast(qid, p) {
    const one = current();
    const answer = one.forecasts[qid] || { p: null, why: '' };
    answer.p = p;
    one.forecasts[qid] = answer;
    if (answer.p === null && !answer.why) delete one.forecasts[qid];
    persist();
    setForecastControls(qid, one.forecasts[qid]);
  }
  function toRound(r) {
    r = String(r);
    if (!ROUNDS.includes(r)) return;
    state.round = r;
    let note = '';
    if (r !== ROUNDS[0] && isEmpty(state.rounds[r]) && !isEmpty(state.rounds[ROUNDS[0]])) {
      state.rounds[r] = JSON.parse(JSON.stringify(state.rounds[ROUNDS[0]]));
      note = `Round ${r} starts from your round-${ROUNDS[0]} answers: change what the `
        + 'discussion changed.';
    }
    $('round-note').textContent = note;
    persist();
    draw();
  }

  for (const sel of selects) {
    sel.addEventListener('change', () => {
      const one = current();
      const row = one.ratings[sel.dataset.item] || {};
      if (sel.value) row[sel.dataset.column] = sel.value; else delete row[sel.dataset.column];
      one.ratings[sel.dataset.item] = row;
      if (!Object.keys(row).length) delete one.ratings[sel.dataset.item];
      persist();
    });
  }
  $('start-briefing').addEventListener('click', () => {
    const one = current();
    for (const item of DATA.items) one.ratings[item.id] = Object.assign({}, item.briefing);
    persist();
    draw();
    say(`The briefing's ratings are filled in for all ${DATA.items.length} items: change `
      + 'any you read differently.');
  });
  for (const q of DATA.questions) {
    $('s-' + q.id).addEventListener('input', (e) => setForecast(q.id, Number(e.target.value)));
    const typed = $('p-' + q.id);
    typed.addEventListener('input', () => {
      const text = typed.value.trim();
      if (text === '') { setForecast(q.id, null); return; }
      const v = Number(text);
      if (Number.isFinite(v) && v >= 0 && v <= 100) setForecast(q.id, v);
    });
    typed.addEventListener('change', () => { // leaving the field: a number out of range is clamped
      const text = typed.value.trim();
      const v = Number(text);
      if (text !== '' && Number.isFinite(v)) setForecast(q.id, Math.min(100, Math.max(0, v)));
      setForecastControls(q.id, current().forecasts[q.id]);
      typed.value = current().forecasts[q.id] && current().forecasts[q.id].p !== null
        ? String(current().forecasts[q.id].p) : '';
    });
    $('why-' + q.id).addEventListener('input', (e) => {
      const one = current();
      const answer = one.forecasts[q.id] || { p: null, why: '' };
      answer.why = e.target.value.slice(0, DATA.maxRationale);
      one.forecasts[q.id] = answer;
      persist();
    });
    $('c-' + q.id).addEventListener('click', () => {
      delete current().forecasts[q.id];
      persist();
      setForecastControls(q.id, null);
    });
  }
  for (const r of ROUNDS) {
    const radio = $('round-' + r);
    if (radio) radio.addEventListener('change', () => { if (radio.checked) toRound(r); });
  }
  const nameInput = $('name');
  nameInput.value = state.name;
  let nameTouched = false;
  nameInput.addEventListener('input', () => {
    state.name = nameInput.value;
    persist();
    if (nameTouched) showNameProblem();
  });
  nameInput.addEventListener('blur', () => { nameTouched = true; showNameProblem(); });

  // --- messages ---------------------------------------------------------------------------
  function say(text) { $('save-status').textContent = text; }
  function alertText(text) { $('room-alert').textContent = text; }

  // --- what is handed in: the current round's answers ---------------------------------
  function ratingsProblem(one) {
    const rated = DATA.items.filter((i) => one.ratings[i.id]
      && DATA.hypotheses.every((h) => one.ratings[i.id][h.column]));
    if (!Object.keys(one.ratings).length) return null; // nothing rated: no ratings handed in
    const missing = DATA.items.filter((i) => !rated.includes(i)).map((i) => i.id);
    return missing.length ? 'Rate every evidence item against every hypothesis before handing '
      + 'in your ratings; not yet rated: ' + missing.join(', ') + '.' : '';
  }
  const answered = (one) => DATA.questions.filter(
    (q) => one.forecasts[q.id] && typeof one.forecasts[q.id].p === 'number');
  const decimal = (percent) => String(Number((percent / 100).toFixed(6)));
  const oneLine = (text) => String(text || '').normalize('NFC').replace(/\p{C}/gu, '')
    .split(/\s+/u).filter(Boolean).join(' ');
  const neutral = (text) => (RULE.formulaStart.some((f) => text.startsWith(f)) ? "'" + text : text);
  const cell = (v) => { v = String(v); return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
  const csv = (rows) => rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  function forecastsCsv(name, round, one) {
    return csv([DATA.columns.forecasts, ...answered(one).map((q) => [
      neutral(name), round, q.id, decimal(one.forecasts[q.id].p),
      neutral(oneLine(one.forecasts[q.id].why))])]);
  }
  function ratingsCsv(name, round, one) {
    return csv([DATA.columns.ratings, ...DATA.items.map((i) => [
      neutral(name), round, i.id, ...DATA.hypotheses.map((h) => one.ratings[i.id][h.column])])]);
  }
  const fileName = (kind, round, name) => `${kind}-round${round}-`
    + (name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'participant') + '.csv';

  function checkedName() {
    nameTouched = true;
    const why = showNameProblem();
    if (why) { alertText(`That name cannot be used: ${why}.`); nameInput.focus(); return null; }
    return tidy(nameInput.value);
  }
  let links = [];
  function save() {
    alertText('');
    say('');
    const name = checkedName();
    if (name === null) return;
    const one = current();
    const files = [];
    const notes = [];
    if (answered(one).length) files.push([fileName('forecasts', state.round, name), forecastsCsv(name, state.round, one)]);
    else notes.push('no forecast given, so no forecasts file');
    const why = ratingsProblem(one);
    if (why === null) notes.push('nothing rated, so no ratings file');
    else if (why) { alertText(why); notes.push('ratings not saved (see above)'); }
    else files.push([fileName('ratings', state.round, name), ratingsCsv(name, state.round, one)]);
    for (const url of links) URL.revokeObjectURL(url);
    links = [];
    const list = $('files');
    list.textContent = '';
    for (const [file, text] of files) {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      links.push(url);
      const a = document.createElement('a');
      a.href = url; a.download = file; a.textContent = file;
      const li = document.createElement('li');
      li.append(a);
      list.append(li);
      a.click();
    }
    say(files.length
      ? `Saved round ${state.round}: ${files.map((f) => f[0]).join(' and ')}`
        + (notes.length ? ` (${notes.join('; ')})` : '') + '. If your browser kept only one, use the links below.'
      : `Nothing saved: ${notes.join('; ')}.`);
  }
  $('save').addEventListener('click', save);

  // --- server mode: the room server's API, relative to this page ------------------------
  let roomInfo = null;
  async function api(path, options) {
    const control = new AbortController();
    const timer = setTimeout(() => control.abort(), 10000);
    try {
      const response = await fetch(path, Object.assign({ signal: control.signal, cache: 'no-store' }, options || {}));
      let value = null;
      try { value = await response.json(); } catch (e) { value = null; }
      return { status: response.status, ok: response.ok, value };
    } finally { clearTimeout(timer); }
  }
  // This browser's key to its name in a room: made here before the first submission (the
  // server takes a browser's own key), so an answer lost on the way can be sent again with
  // it; the key the server answers with is kept from then on.
  function secretFor(code) {
    let secret = null;
    try { secret = localStorage.getItem(SECRET + code); } catch (e) { secret = null; }
    if (typeof secret === 'string' && secret) return secret; // the server's, or made here
    const bytes = new Uint8Array(24); // 32 characters, within DATA.secretLength
    crypto.getRandomValues(bytes);
    secret = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    try { localStorage.setItem(SECRET + code, secret); } catch (e) { /* private mode */ }
    return secret;
  }
  function roomCode() { return $('code').value.trim().toUpperCase(); }
  function showRoom(info) {
    roomInfo = info;
    const parts = [info.title ? `Room: ${info.title}` : 'The room'];
    parts.push(info.round ? `round ${info.round} open` : 'no round open yet');
    if (info.revealed) parts.push('results revealed');
    $('room-status').textContent = parts.join(' · ') + '.';
    $('send').disabled = !info.round;
    if (info.round && String(info.round) !== state.round) toRound(info.round); else draw();
  }
  async function refreshRoom() {
    const r = await api('api/room');
    if (!r.ok || !r.value || typeof r.value !== 'object') throw new Error('no room');
    showRoom(r.value);
  }
  async function send() {
    alertText('');
    say('');
    const name = checkedName();
    if (name === null) return;
    const code = roomCode();
    if (!code) { alertText('Type the room code shown on the chair’s slide.'); $('code').focus(); return; }
    const one = current();
    const why = ratingsProblem(one);
    if (why) { alertText(why); return; }
    const forecasts = {};
    for (const q of answered(one)) forecasts[q.id] = { p: Number((one.forecasts[q.id].p / 100).toFixed(6)), why: one.forecasts[q.id].why || '' };
    const ratings = why === null ? null : Object.fromEntries(DATA.items.map((i) => [i.id, Object.assign({}, one.ratings[i.id])]));
    const sending = { code, name, secret: secretFor(code), round: Number(state.round),
      ratings, forecasts: Object.keys(forecasts).length ? forecasts : null };
    if (!sending.ratings && !sending.forecasts) { alertText('Nothing to send: rate the evidence or give a forecast.'); return; }
    $('send').disabled = true;
    try {
      const r = await api('api/submit', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sending) });
      if (r.ok && r.value && r.value.ok) {
        try { localStorage.setItem(SECRET + code, r.value.secret); } catch (e) { /* private mode */ }
        say(`Received: round ${r.value.round}, as ${r.value.name}. You can change your answers and send again.`);
      } else {
        alertText(r.value && typeof r.value.error === 'string' ? r.value.error
          : `The room server refused the answers (HTTP ${r.status}).`);
        if (r.status === 409 || r.status === 423) refreshRoom().catch(() => {});
      }
    } catch (e) {
      alertText('The room server did not answer. Your answers are kept in this browser: send '
        + 'again, or save them as files and hand them to the chair.');
    } finally { $('send').disabled = !(roomInfo && roomInfo.round); }
  }
  const percent = (p) => `${Math.round(p * 1000) / 10}%`;
  function showResults(res) {
    const box = $('results');
    box.textContent = '';
    if (!res || !res.revealed) {
      box.textContent = 'The chair has not revealed the results yet.';
      return;
    }
    const head = document.createElement('p');
    head.textContent = `Round ${res.round}: ${res.participants} participant${res.participants === 1 ? '' : 's'}.`;
    const table = document.createElement('table');
    table.className = 'results';
    const mine = (state.rounds[String(res.round)] || emptyRound()).forecasts;
    const heads = ['Question', 'You', 'Room median (answers)', 'Briefing'];
    const row = (cells, tag) => {
      const tr = document.createElement('tr');
      cells.forEach((text, k) => {
        const c = document.createElement(tag);
        c.textContent = text;
        if (k) { c.className = 'num'; c.dataset.label = heads[k]; }
        if (tag === 'th') c.scope = 'col';
        tr.append(c);
      });
      return tr;
    };
    const thead = document.createElement('thead');
    thead.append(row(heads, 'th'));
    const tbody = document.createElement('tbody');
    for (const q of DATA.questions) {
      const room = (res.forecasts || {})[q.id];
      const briefing = (res.briefing || {})[q.id];
      const you = mine[q.id] && typeof mine[q.id].p === 'number' ? `${mine[q.id].p}%` : '—';
      tbody.append(row([q.question, you, room ? `${percent(room.median)} (${room.n})` : '—',
        typeof briefing === 'number' ? percent(briefing) : '—'], 'td'));
    }
    table.append(thead, tbody);
    box.append(head, table);
  }
  let lastCheck = 0;
  async function checkResults(force) {
    const now = Date.now();
    if (!force && now - lastCheck < CHECK_EVERY_MS) return;
    lastCheck = now;
    const button = $('check-results');
    button.disabled = true;
    setTimeout(() => { button.disabled = false; }, CHECK_EVERY_MS);
    try {
      await refreshRoom();
      const r = await api('api/results');
      showResults(r.value);
    } catch (e) {
      $('results').textContent = 'The room server did not answer; try again in a moment.';
    }
  }
  $('send').addEventListener('click', send);
  $('check-results').addEventListener('click', () => checkResults(false));

  function offline(reason) {
    body.dataset.mode = 'offline';
    if (reason) $('room-status').textContent = reason;
  }
  async function start() {
    draw();
    if (!DATA.server) { offline(''); return; }
    body.dataset.mode = 'server-wait';
    const fromUrl = new URLSearchParams(location.search).get('code');
    if (fromUrl) $('code').value = fromUrl.trim().toUpperCase();
    try {
      await refreshRoom();
      body.dataset.mode = 'server';
    } catch (e) {
      offline('The room server did not answer, so this page works without it: save your '
        + 'answers as files and hand them to the chair.');
    }
  }

  // For the tests (and the curious): the rules the page applies.
  window.roomPage = { wordsFor, wordText, nameProblem, nameKey, checkResults, state };
  start();
})();
