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
  var PLAIN_WIDGET = ".widget-html, .widget-html-content, .widget-box, .widget-vbox, " +
    ".widget-subarea, .jupyter-widgets-output-area, .widget-output";
  var SKIP = "aside.notes, script, style, template";
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

  // The blocks of ``root`` in reading order: atomic elements, and the split-able ones only
  // where they are taller than ``budget`` (a short list or table moves as one).
  function blocks(root, budget, scale) {
    var out = [];
    Array.prototype.forEach.call(root.children, function (el) {
      if (el.matches(SKIP)) return;
      var h = el.getBoundingClientRect().height / scale;
      if (h === 0 && !el.querySelector("img")) return;
      if (h > budget && !isAtomic(el)) {
        out = out.concat(blocks(el, budget, scale));
      } else {
        out.push(el);
      }
    });
    return out;
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
    if (el.tagName === "TABLE") {
      Array.prototype.forEach.call(el.querySelectorAll(":scope > thead, :scope > colgroup"),
        function (part) { copy.appendChild(part.cloneNode(true)); });
    }
    chain(el.parentElement, section, page, copies).appendChild(copy);
    copies.set(el, copy);
    return copy;
  }

  function outerHeight(el, scale) {
    var style = getComputedStyle(el);
    return el.getBoundingClientRect().height / scale + parseFloat(style.marginTop) +
      parseFloat(style.marginBottom);
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
    images.forEach(function (img) {
      img.style.setProperty("max-height", Math.floor(img.offsetHeight * ratio) + "px",
        "important");
      img.style.setProperty("width", "auto", "important");
      img.setAttribute("data-deck-scale", ratio.toFixed(3));
    });
    window.DECK_FIT.smallest = Math.min(window.DECK_FIT.smallest, ratio);
    return overflow(section) <= 1;
  }

  function fit(section) {
    var budget = section.clientHeight;
    if (overflow(section) <= 1) return [];
    if (shrinkCharts(section, 0.85)) return [];
    var box = section.getBoundingClientRect();
    var scale = box.height / section.offsetHeight || 1;
    var top = function (el) {
      return (el.getBoundingClientRect().top - box.top) / scale + section.scrollTop;
    };
    var title = headingOf(section);
    var first = section.querySelector("h1, h2, h3, h4");
    // A part's heading takes what the slide's own takes (at least one line of it), and a
    // block's bottom margin may follow the last block: kept free.
    var headingRoom = title ? Math.max(first ? outerHeight(first, scale) : 0, 90) : 0;
    var slack = 24;
    var list = blocks(section, budget - headingRoom - slack, scale);
    if (list.length < 2) return [];
    // Greedy pages: each part takes blocks while they fit under its heading.
    var pages = [[]], start = 0, room = budget - slack;
    list.forEach(function (el) {
      var bottom = top(el) + el.getBoundingClientRect().height / scale;
      var page = pages[pages.length - 1];
      if (page.length && bottom - start > room) {
        pages.push([el]);
        start = top(el);
        room = budget - headingRoom - slack;
      } else {
        page.push(el);
      }
    });
    if (pages.length < 2) return [];
    var n = pages.length;
    // The heading the parts repeat must open the slide (a heading inside a later block
    // belongs to that block, and moves with it).
    var opens = function (el) {
      return pages[0].some(function (b) { return b === el || b.contains(el); });
    };
    if (first && !opens(first)) {
      first = null;
      title = "";
      var lead = section.querySelector("caption, b, strong");
      if (lead && opens(lead)) title = lead.textContent.trim();
    }
    if (first) first.appendChild(document.createTextNode(" (1 of " + n + ")"));
    var parts = [];
    var after = section.parentElement.tagName === "SECTION" ? section.parentElement : section;
    for (var k = 1; k < n; k++) {
      var leaf = document.createElement("section");
      leaf.className = "deck-continued";
      var copies = new Map();
      var h;
      if (first) {
        h = first.cloneNode(false);  // inside copies of its cell: styled as the original
        h.removeAttribute("id");
        chain(first.parentElement, section, leaf, copies).appendChild(h);
      } else if (title) {
        h = leaf.appendChild(document.createElement("h3"));
      }
      if (h) h.textContent = title + " (" + (k + 1) + " of " + n + ")";
      pages[k].forEach(function (el) {
        chain(el.parentElement, section, leaf, copies).appendChild(el);
      });
      var wrap = leaf;
      if (after !== section) {
        wrap = document.createElement("section");
        wrap.appendChild(leaf);
      }
      after.parentElement.insertBefore(wrap, after.nextSibling);
      after = wrap;
      parts.push(leaf);
    }
    return parts;
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
    var images = document.querySelectorAll(".reveal .slides img");
    for (var j = 0; j < images.length; j++) {
      if (!images[j].complete) return false;
    }
    return true;
  }

  // Wait until drawn and quiet (no change in the slides for 400 ms), at most 60 s.
  var quietSince = Date.now(), started = Date.now();
  var observer = new MutationObserver(function () { quietSince = Date.now(); });
  function watch() {
    var slides = document.querySelector(".reveal .slides");
    if (slides) observer.observe(slides, { childList: true, subtree: true });
    var timer = setInterval(function () {
      var waited = Date.now() - started > 60000;
      if ((drawn() && Date.now() - quietSince > 400) || (waited && window.Reveal &&
          window.Reveal.isReady && window.Reveal.isReady())) {
        clearInterval(timer);
        observer.disconnect();
        fitAll();
      }
    }, 100);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
