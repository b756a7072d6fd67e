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
  if (!table) {
    console.warn("scenario link: no explorer '" + explorer + "' in this briefing");
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
      if (tries > 300) clearInterval(timer);  // 30 s: the explorer is not on this page
      return;
    }
    clearInterval(timer);
    var i = pick();
    if (i < 0) {
      console.warn("scenario link: no scenario '" + wanted + "' in explorer '" + explorer + "'");
      return;
    }
    select.selectedIndex = i;
    select.dispatchEvent(new Event("change", {bubbles: true}));
    document.documentElement.setAttribute("data-scenario-link", explorer + ":" + wanted);
    show(select);
  }, 100);
})();
