/* Shared by the offline deck and the live (Voila) deck: every slide is one screen.

   A clicker cannot scroll, so a slide whose content runs below reveal's 1280 x 720 frame
   (less the 48 px band of arrows and slide number, deck.css) is continued on slides of its
   own, each under the slide's heading with "(2 of 3)". The browser measures, so the break
   falls where the text really ends, at any font or window size; nothing is cut and nothing
   is dropped.

   Breaks fall between blocks: paragraphs, list items, table rows (a continued table repeats
   its header row), images, widgets. A block is split only if it is a list, a table or a
   plain container; a widget or an image is never split (if one alone is taller than the
   frame, the slide stays over and the deck's browser test names it).

   It runs once the deck is drawn: reveal ready, every widget drawn, every image loaded and
   the page quiet for a moment (the live deck's outputs arrive while the kernel runs). The
   speaker notes stay with the first part. The window's DECK_FIT holds the outcome (slides
   added, slides still over) for the tests and the contact sheet. */
(function () {
  var ATOMIC = "img, svg, canvas, video, iframe, pre, details, h1, h2, h3, h4, h5, h6, p, " +
    "tr, li, figure, blockquote, hr, .explorer";
  // Widgets that only hold HTML or other widgets (a table, the claim ledger, the judgments)
  // split like any HTML; a control, or an explorer, never does.
  // (In the live deck a widget's output sits in a Lumino panel of its own.)
  var PLAIN_WIDGET = ".widget-html, .widget-html-content, .widget-box, .widget-vbox, " +
    ".widget-subarea, .jupyter-widgets-output-area, .widget-output, " +
    ".lm-Panel.jp-OutputArea-output";
  var SKIP = "aside.notes, script, style, template, .jp-Collapser, .jp-InputPrompt, " +
    ".jp-OutputPrompt";
  var SPLITTABLE = ["TABLE", "THEAD", "TBODY", "UL", "OL", "DL", "DIV", "SECTION",
    "ARTICLE", "MAIN"];

  window.DECK_FIT = { done: false, added: 0, over: [], smallest: 1, errors: [] };

  function leafSections() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".reveal .slides section"),
      function (s) { return !s.querySelector("section"); });
  }

  function isAtomic(el) {
    if (el.matches(ATOMIC)) return true;
    if (el.matches(".lm-Widget") && !el.matches(PLAIN_WIDGET)) return true;
    if (SPLITTABLE.indexOf(el.tagName) < 0) return true;
    // A container with no element inside (text only) cannot be split between blocks.
    return !Array.prototype.some.call(el.children, function (c) { return !c.matches(SKIP); });
  }

  function headingOf(section) {
    var h = section.querySelector("h1, h2, h3, h4");
    if (h) return h.textContent.replace(/\u00b6/g, "").trim();
    var caption = section.querySelector("caption, b, strong");
    if (caption) return caption.textContent.trim();
    return "";
  }

  // A shallow copy of ``el``'s chain of ancestors up to ``section``, made once per page:
  // the moved blocks keep every class their styles hang on. A continued table gets the
  // header row again, a continued numbered list its numbering.
  function chain(el, section, page, copies) {
    if (el === section) return page;
    if (copies.has(el)) return copies.get(el);
    var copy = el.cloneNode(false);
    copy.removeAttribute("id");
    if (copy.hasAttribute("data-deck-emptied")) {  // emptied here, shown where its blocks go
      copy.style.display = copy.getAttribute("data-deck-emptied");
      copy.removeAttribute("data-deck-emptied");
    }
    if (el.tagName === "TABLE") {
      Array.prototype.forEach.call(el.querySelectorAll(":scope > thead, :scope > colgroup"),
        function (part) { copy.appendChild(part.cloneNode(true)); });
    }
    chain(el.parentElement, section, page, copies).appendChild(copy);
    copies.set(el, copy);
    return copy;
  }

  function overflow(section) {
    return section.scrollHeight - section.clientHeight;
  }

  // Shrink the slide's charts (proportions kept) just enough for it to fit, if that keeps
  // them at least ``least`` of their size; otherwise leave them as they are.
  function shrinkCharts(section, least) {
    var over = overflow(section);
    if (over <= 1) return true;
    var images = Array.prototype.filter.call(section.querySelectorAll("img"),
      function (img) { return img.offsetHeight > 120; });
    var tall = images.reduce(function (sum, img) { return sum + img.offsetHeight; }, 0);
    if (!tall) return false;
    var ratio = (tall - over - 4) / tall;
    if (ratio < least) return false;
    var before = images.map(function (img) { return img.style.getPropertyValue("max-width"); });
    images.forEach(function (img) {
      // Capped in width, height following: the chart keeps its designed width in its style
      // (the tests read it) and says by how much the deck shrank it.
      img.style.setProperty("max-width", Math.floor(img.offsetWidth * ratio) + "px",
        "important");
      img.setAttribute("data-deck-scale", ratio.toFixed(3));
    });
    if (overflow(section) <= 1) {
      window.DECK_FIT.smallest = Math.min(window.DECK_FIT.smallest, ratio);
      return true;
    }
    // No help (what runs over is beside the chart, not under it): the charts keep their size.
    images.forEach(function (img, i) {
      img.style.setProperty("max-width", before[i]);
      img.removeAttribute("data-deck-scale");
    });
    return false;
  }

  // The blocks inside ``el`` a reader sees.
  function shown(el) {
    return Array.prototype.filter.call(el.children, function (c) {
      return !c.matches(SKIP) && (c.getBoundingClientRect().height > 0 || c.querySelector("img"));
    });
  }

  // Hide a block about to move; a wrapper of ``part`` left with nothing to show goes too
  // (its padding would otherwise take room on the slide).
  function hide(el, part) {
    el.setAttribute("data-deck-display", el.style.display);
    el.style.display = "none";
    for (var up = el.parentElement; up && up !== part && !shown(up).length;
      up = up.parentElement) {
      up.setAttribute("data-deck-emptied", up.style.display);
      up.style.display = "none";
    }
  }

  // A block that only describes the one before it (a chart's long description).
  function describes(el) {
    return (el.matches("details.figure-description") ||
      !!el.querySelector("details.figure-description")) && !el.querySelector("img");
  }

  // Take blocks off the end of ``part`` (hidden, in order) until what is left fits; the
  // first block always stays, split into its own blocks if it alone is too tall. Returns
  // the blocks taken, in reading order.
  function overflowing(part, list) {
    var kept = list.slice(), taken = [];
    while (overflow(part) > 1) {
      if (kept.length > 1) {
        var last = kept[kept.length - 1];
        var inner = isAtomic(last) ? [] : shown(last);
        if (inner.length > 1 || (inner.length === 1 && !isAtomic(inner[0]))) {
          // fill the part: take the last block's rows, not all of it
          kept.pop();
          kept = kept.concat(inner);
          continue;
        }
        var el = kept.pop();
        // A chart's description goes with its chart; if the chart opens the part, both stay
        // (the chart is shrunk to make room, below).
        if (describes(el) && kept.length === 1) break;
        hide(el, part);
        taken.unshift(el);
        if (describes(el)) {
          el = kept.pop();
          hide(el, part);
          taken.unshift(el);
        }
        continue;
      }
      var only = kept[0];
      if (!only || isAtomic(only)) break;
      kept = shown(only);
    }
    return taken;
  }

  // A new slide after ``after`` holding ``blocks`` (moved out of ``root``, each inside
  // copies of its ancestors) under a copy of ``root``'s heading ``first``; shown, so that
  // it can be measured.
  function newPart(root, first, blocks, after) {
    var leaf = document.createElement("section");
    leaf.className = "deck-continued";
    var copies = new Map();
    var heading;
    if (first) {
      heading = first.cloneNode(false);  // inside copies of its cell: styled as the original
      heading.removeAttribute("id");
      chain(first.parentElement, root, leaf, copies).appendChild(heading);
    } else {
      heading = leaf.appendChild(document.createElement("h3"));
      heading.className = "deck-continued-heading";
    }
    blocks.forEach(function (el) {
      chain(el.parentElement, root, leaf, copies).appendChild(el);
      el.style.display = el.getAttribute("data-deck-display");
      el.removeAttribute("data-deck-display");
    });
    var wrap = leaf;
    if (after.tagName === "SECTION" && after.classList.contains("stack")) {
      wrap = document.createElement("section");
      wrap.className = "stack";
      wrap.appendChild(leaf);
    }
    after.parentElement.insertBefore(wrap, after.nextSibling);
    wrap.style.display = leaf.style.display = "block";
    return { leaf: leaf, wrap: wrap, heading: heading };
  }

  // Split ``section`` into parts that each fit: blocks are taken off its end until it fits,
  // and go to a new part under the slide's heading, which is split the same way.
  function fit(section) {
    if (overflow(section) <= 1) return [];
    if (shrinkCharts(section, 0.85)) return [];
    var first = section.querySelector("h1, h2, h3, h4");
    var list = shown(section);
    // Each heading is measured with its part number, which may wrap it to a second line.
    var number = document.createTextNode(" (1 of 9)");
    if (first) first.appendChild(number);
    var taken = overflowing(section, list);
    if (!taken.length) {
      if (first) first.removeChild(number);
      return [];
    }
    // The heading the parts repeat must open the slide (a heading inside a moved block
    // belongs to that block, and moves with it).
    var moves = function (el) {
      return taken.some(function (b) { return b === el || b.contains(el); });
    };
    var title = "";
    if (first && moves(first)) {
      first.removeChild(number);
      first = null;
    }
    if (first) {
      number.textContent = "";
      title = first.textContent.replace(/\u00b6/g, "").trim();
    } else {
      var lead = section.querySelector("caption, b, strong");
      if (lead && !moves(lead)) title = lead.textContent.trim();
    }
    var parts = [], after = section.parentElement.tagName === "SECTION" ?
      section.parentElement : section;
    var root = section, heading = first;
    while (taken.length) {
      var part = newPart(root, heading, taken, after);
      parts.push(part);
      after = part.wrap;
      root = part.leaf;
      heading = first ? part.heading : null;
      part.heading.textContent = (title ? title + " " : "") + "(9 of 9)";
      taken = overflowing(part.leaf, taken);
    }
    var n = parts.length + 1;
    if (first) number.textContent = " (1 of " + n + ")";
    parts.forEach(function (part, k) {
      part.heading.textContent = (title ? title + " " : "") + "(" + (k + 2) + " of " + n + ")";
      part.wrap.style.display = part.leaf.style.display = "";
    });
    return parts.map(function (part) { return part.leaf; });
  }

  // Each slide is measured where reveal shows it (reveal hides slides far from the current
  // one), in the order a clicker reaches them; parts are added after the slide they continue.
  function fitAll() {
    var Reveal = window.Reveal;
    var current = Reveal.getCurrentSlide();
    var added = 0;
    var show = function (section) {
      var at = Reveal.getIndices(section);
      Reveal.slide(at.h, at.v);
      section.scrollTop = 0;
    };
    leafSections().forEach(function (section) {
      show(section);
      var parts = [];
      try {
        parts = fit(section);
      } catch (error) {  // one slide's failure leaves the others fitted (and is reported)
        window.DECK_FIT.errors.push(String(error));
      }
      if (parts.length) Reveal.sync();
      added += parts.length;
      // Each part, its charts shrunk if they alone overflow (never below 0.6 of their size).
      [section].concat(parts).forEach(function (part) {
        show(part);
        shrinkCharts(part, 0.6);
      });
    });
    var over = [];
    leafSections().forEach(function (section) {
      show(section);
      if (section.scrollHeight > section.clientHeight + 1) over.push(headingOf(section));
    });
    show(current);
    window.DECK_FIT.done = true;
    window.DECK_FIT.added = added;
    window.DECK_FIT.over = over;
    document.documentElement.setAttribute("data-deck-fit", "done");
  }

  function drawn() {
    if (!(window.Reveal && window.Reveal.isReady && window.Reveal.isReady())) return false;
    var views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]');
    for (var i = 0; i < views.length; i++) {
      if (!views[i].parentElement.querySelector(".lm-Widget")) return false;
    }
    // The live deck: Voila replaces each cell's output script once it has drawn it (its
    // widgets arrive after reveal is ready: fitted before, a table ran below the fold).
    if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) {
      return false;
    }
    // ... and draws the widget into the output's panel once the kernel has sent its state.
    var panels = document.querySelectorAll(".reveal .lm-Panel.jp-OutputArea-output");
    for (var k = 0; k < panels.length; k++) {
      if (!panels[k].querySelector(".lm-Widget")) return false;
    }
    var images = document.querySelectorAll(".reveal .slides img");
    for (var j = 0; j < images.length; j++) {
      if (!images[j].complete) return false;
    }
    return true;
  }

  // Wait until drawn and quiet (no change in the slides for a moment), at most 60 s after
  // reveal is ready (a live deck's kernel may run longer than that before it is).
  var quietSince = Date.now(), started = null;
  var observer = new MutationObserver(function () { quietSince = Date.now(); });
  function watch() {
    var slides = document.querySelector(".reveal .slides");
    if (slides) observer.observe(slides, { childList: true, subtree: true });
    var timer = setInterval(function () {
      var ready = !!(window.Reveal && window.Reveal.isReady && window.Reveal.isReady());
      if (ready && started === null) started = Date.now();
      var waited = ready && Date.now() - started > 60000;
      // The live deck's widgets arrive from a kernel that may pause between them: a longer
      // quiet there.
      var quiet = document.body.hasAttribute("data-voila") ? 1500 : 400;
      if ((drawn() && Date.now() - quietSince > quiet) || waited) {
        clearInterval(timer);
        observer.disconnect();
        // Text is measured in its own fonts, every face loaded first: a browser fetches a
        // face only when a shown slide uses it, so a slide first shown while fitting was
        // measured in a fallback (a live judgment slide ran 161 px over once its bold face
        // arrived).
        var faces = document.fonts ? Array.prototype.slice.call(document.fonts) : [];
        Promise.all(faces.map(function (f) { return f.load().catch(function () {}); }))
          .then(fitAll, fitAll);
      }
    }, 100);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
