/* The live deck (make present): reveal.js started as in the offline deck (same pinned
   version, same options), with the briefing's own speaker view.

   Reveal's stock speaker view loads the deck twice more in frames (current and upcoming
   slide). Under Voila each load is a new page request, so a new kernel (seconds, ~145 MB
   each), and its "Upcoming" frame raced the slower page. This view loads nothing: it copies
   the current and the next slide out of this page (a still picture: controls are shown as
   they stand), the notes of the current slide, a clock and a timer, and is refreshed on
   every slide change. Keys pressed in the speaker window (a clicker: PageDown, PageUp,
   Space, arrows) move the deck. */
(function () {
  "use strict";
  var Reveal = window.Reveal;
  // reveal's frame, declared once in helpers/charts/style.py (DECK_FRAME) and set by the page.
  var FRAME = window.briefingDeckFrame || { width: 1280, height: 720, margin: 0 };
  var speaker = null;
  var started = null;

  var STYLE = [
    "body { margin: 0; font: 16px/1.4 system-ui, sans-serif; background: #f4f4f4; color: #111; }",
    "#bar { display: flex; gap: 2em; align-items: baseline; padding: 8px 14px; background: #222; color: #fff; font-size: 18px; }",
    "#bar #timer { font-variant-numeric: tabular-nums; }",
    "#grid { display: grid; grid-template-columns: 3fr 2fr; grid-template-rows: auto 1fr; gap: 10px; padding: 10px; height: calc(100vh - 60px); box-sizing: border-box; }",
    "#current { grid-row: 1 / span 2; } #upcoming { } #notes { overflow: auto; background: #fff; padding: 6px 12px; font-size: 20px; }",
    ".pane-title { margin: 0 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: #555; }",
    ".frame { position: relative; overflow: hidden; background: #fff; border: 1px solid #ccc; }",
    ".frame .slide-preview { position: absolute; top: 0; left: 0; width: " + FRAME.width + "px; height: " + FRAME.height + "px; transform-origin: 0 0; pointer-events: none; }",
    ".slide-preview .slides { position: static !important; width: " + FRAME.width + "px !important; height: " + FRAME.height + "px !important; transform: none !important; inset: auto !important; margin: 0 !important; }",
    ".slide-preview section { display: block !important; position: relative !important; top: 0 !important; left: 0 !important; transform: none !important; opacity: 1 !important; visibility: visible !important; height: " + FRAME.height + "px !important; overflow: hidden !important; }",
    "#notes .body, #notes .body * { font: 20px/1.35 system-ui, sans-serif !important; }",
    "#notes .body code { font-family: ui-monospace, monospace !important; background: #eee; }",
    ".end { padding: 2em; color: #555; }"
  ].join("\n");

  function slides() { return Reveal.getSlides(); }

  function position() {
    var all = slides();
    return all.indexOf(Reveal.getCurrentSlide());
  }

  function preview(slide) {
    var wrap = speaker.document.createElement("div");
    wrap.className = "reveal slide-preview";
    var inner = speaker.document.createElement("div");
    inner.className = "slides";
    var copy = speaker.document.importNode(slide, true);
    copy.querySelectorAll("aside.notes, script").forEach(function (n) { n.remove(); });
    copy.classList.remove("past", "future");
    copy.classList.add("present");
    copy.removeAttribute("hidden");
    copy.removeAttribute("aria-hidden");
    inner.appendChild(copy);
    wrap.appendChild(inner);
    return wrap;
  }

  function fit(frame) {
    var shown = frame.querySelector(".slide-preview");
    if (!shown) { return; }
    var scale = frame.clientWidth / FRAME.width;
    shown.style.transform = "scale(" + scale + ")";
    frame.style.height = Math.round(FRAME.height * scale) + "px";
  }

  function notesOf(slide) {
    return Array.from(slide.querySelectorAll("aside.notes"))
      .map(function (n) { return n.innerHTML; }).join("\n");
  }

  function show(paneId, slide) {
    var frame = speaker.document.querySelector("#" + paneId + " .frame");
    frame.textContent = "";
    if (slide) {
      frame.appendChild(preview(slide));
    } else {
      var end = speaker.document.createElement("p");
      end.className = "end";
      end.textContent = "End of the deck.";
      frame.appendChild(end);
    }
    fit(frame);
  }

  function update() {
    if (!speaker || speaker.closed) { return; }
    var all = slides();
    var i = position();
    var current = all[i];
    show("current", current);
    show("upcoming", all[i + 1]);
    var notes = current ? notesOf(current) : "";
    speaker.document.querySelector("#notes .body").innerHTML =
      notes || "<p><em>No notes on this slide.</em></p>";
    speaker.document.querySelector("#position").textContent =
      "Slide " + (i + 1) + " of " + all.length;
  }

  function tick() {
    if (!speaker || speaker.closed) { return; }
    var now = new Date();
    var secs = Math.floor((now - started) / 1000);
    var mm = String(Math.floor(secs / 60)).padStart(2, "0");
    var ss = String(secs % 60).padStart(2, "0");
    speaker.document.querySelector("#clock").textContent = now.toLocaleTimeString();
    speaker.document.querySelector("#timer").textContent = "Elapsed " + mm + ":" + ss;
  }

  function keys(event) {
    var go = {
      PageDown: "next", ArrowRight: "next", ArrowDown: "next", " ": "next", n: "next",
      PageUp: "prev", ArrowLeft: "prev", ArrowUp: "prev", p: "prev"
    }[event.key];
    if (go) { event.preventDefault(); Reveal[go](); }
  }

  // The page's styles, as text: stylesheet links added to a written pop-up stay unloaded.
  function copyStyles(target) {
    var css = [];
    Array.from(document.styleSheets).forEach(function (sheet) {
      try {
        css.push(Array.from(sheet.cssRules).map(function (r) { return r.cssText; }).join("\n"));
      } catch (err) { /* a sheet from elsewhere: none in this deck */ }
    });
    var style = target.createElement("style");
    style.textContent = css.join("\n") + "\n" + STYLE;
    target.head.appendChild(style);
  }

  function open() {
    if (speaker && !speaker.closed) { speaker.focus(); update(); return; }
    speaker = window.open("", "briefing-speaker-view", "width=1100,height=700");
    if (!speaker) { alert("The speaker view needs pop-ups allowed for this address."); return; }
    var doc = speaker.document;
    doc.open();
    doc.write("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title></title></head>" +
      "<body class='briefing-speaker'><div id='bar'><span id='position'></span>" +
      "<span id='timer'></span><span id='clock'></span></div><div id='grid'>" +
      "<section id='current'><h2 class='pane-title'>Now</h2><div class='frame'></div></section>" +
      "<section id='upcoming'><h2 class='pane-title'>Upcoming</h2><div class='frame'></div></section>" +
      "<section id='notes'><h2 class='pane-title'>Notes</h2><div class='body'></div></section>" +
      "</div></body></html>");
    doc.close();
    doc.title = "Speaker view: " + document.title;
    copyStyles(doc);
    started = new Date();
    speaker.addEventListener("keydown", keys);
    speaker.addEventListener("resize", function () {
      doc.querySelectorAll(".frame").forEach(fit);
    });
    speaker.setInterval(tick, 1000);
    tick();
    update();
  }

  function start() {
    Reveal.initialize({
      controls: true, progress: true, history: true, hash: true,
      transition: "none", slideNumber: "c/t", center: false,
      width: FRAME.width, height: FRAME.height, margin: FRAME.margin
    });
    Reveal.addKeyBinding({ keyCode: 83, key: "S", description: "Speaker view" }, open);
    ["slidechanged", "fragmentshown", "fragmenthidden", "ready"].forEach(function (name) {
      Reveal.on(name, update);
    });
    window.briefingSpeakerView = open;
  }

  // Voila shows the slides only once its theme has loaded; reveal measures them on start.
  function whenShown() {
    var cells = document.getElementById("rendered_cells");
    if (!cells || cells.style.display !== "none") { start(); return; }
    window.setTimeout(whenShown, 50);
  }
  whenShown();
})();
