/* A link that carries a scenario: page.html#scenario=race:governments-target opens the
   explorer "race" on its prepared scenario whose name, as a slug, is or contains
   "governments-target" (the live explorer's "Prepared scenarios" box shows the slug).

   It coexists with reveal.js's own #/3 hash: it is read once, before reveal starts (reveal
   takes "#scenario=..." for an unknown slide name and stays on the first slide); once the
   widgets are drawn, the explorer's scenario list is switched (a change event: the widget
   manager's jslink switches the precomputed chart, no kernel needed), and the deck goes to
   the explorer's slide, after which reveal's #/N hash takes over as usual. */
(function () {
  var match = /(?:^#|[&#?])scenario=([a-z0-9_-]+):([a-z0-9-]+)/i.exec(window.location.hash);
  if (!match) return;
  var explorer = match[1].toLowerCase(), wanted = match[2].toLowerCase();

  // Written by the build (helpers.explorers.scenarios.link_table): each explorer's scenario
  // list and its prepared scenarios' slugs, in the list's order.
  var table = (window.BRIEFING_SCENARIOS || {})[explorer];

  // A link this page cannot follow is said on the page, not only in the console: the
  // reader would otherwise take the first scenario for the one the link promised.
  function missing(what) {
    var say = function () {
      var p = document.createElement("p");
      p.className = "scenario-link-missing";
      p.setAttribute("role", "status");
      p.textContent = "This link asks for " + what + ", which this page does not have; " +
        "it shows the first scenario instead. (Click to close.)";
      p.style.cssText = "position:fixed;top:0;left:0;right:0;margin:0;z-index:1000;" +
        "padding:0.5em 1em;background:#FFF8EC;border-bottom:3px solid #E69F00;color:#000;" +
        "font:18px/1.4 sans-serif;cursor:pointer";
      p.addEventListener("click", function () { p.remove(); });
      document.body.appendChild(p);
    };
    if (document.body) { say(); } else { document.addEventListener("DOMContentLoaded", say); }
    console.warn("scenario link: " + what + " is not in this page");
  }

  if (!table) {
    missing("the explorer \u201c" + explorer + "\u201d (scenario \u201c" + wanted + "\u201d)");
    return;
  }

  function pick() {
    var slugs = table.slugs;
    var i = slugs.indexOf(wanted);
    if (i < 0) {
      var partial = slugs.filter(function (s) { return s.indexOf(wanted) >= 0; });
      i = partial.length === 1 ? slugs.indexOf(partial[0]) : -1;
    }
    return i;
  }

  function show(select) {
    var section = select.closest(".reveal .slides section");
    if (section && window.Reveal && window.Reveal.isReady && window.Reveal.isReady()) {
      var at = window.Reveal.getIndices(section);
      window.Reveal.slide(at.h, at.v);
    } else if (!section) {
      select.scrollIntoView({block: "center"});
    }
  }

  var tries = 0;
  var timer = setInterval(function () {
    tries += 1;
    var select = document.querySelector(table.picker);
    var deckWaits = document.querySelector(".reveal") &&
      !(window.Reveal && window.Reveal.isReady && window.Reveal.isReady());
    if (!select || deckWaits) {
      if (tries > 300) {  // 30 s: the explorer is not on this page
        clearInterval(timer);
        missing("the explorer \u201c" + explorer + "\u201d (scenario \u201c" + wanted + "\u201d)");
      }
      return;
    }
    clearInterval(timer);
    var i = pick();
    if (i < 0) {
      missing("the scenario \u201c" + wanted + "\u201d of the explorer \u201c" + explorer +
        "\u201d");
      return;
    }
    select.selectedIndex = i;
    select.dispatchEvent(new Event("change", {bubbles: true}));
    document.documentElement.setAttribute("data-scenario-link", explorer + ":" + wanted);
    show(select);
  }, 100);
})();
