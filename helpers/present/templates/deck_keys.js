/* Shared by the offline deck and the live (Voila) deck: which keys belong to a control and
   which to the deck. reveal.js listens for keys on the document; this runs one step before,
   on <html>, and either stops a key (it stays in the control) or lets reveal have it.

   - A key stays in a control only where the control uses it: arrows, Home and End in a
     slider; up and down in a list; any key in a text box except the clicker's.
   - PageDown and PageUp (a clicker) always turn the slide, whatever has the focus; so do
     →, ← and Space outside a control. A click on a chart, a table or the claim ledger
     (which the widget manager makes focusable) never traps the keys.
   - Esc, or a click outside the control, gives the keys back to the deck. */
(function () {
  var TEXT = 'input:not([type]), input[type="text"], input[type="number"], textarea, ' +
    '[contenteditable=""], [contenteditable="true"]';
  var SLIDER = '.noUi-handle, [role="slider"], input[type="range"]';
  var SLIDER_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];
  var LIST_KEYS = ["ArrowUp", "ArrowDown", "Home", "End"];
  var CLICKER = ["PageDown", "PageUp"];
  var CONTROL = TEXT + ", " + SLIDER + ", select";
  var DECK_KEYS = CLICKER.concat(SLIDER_KEYS, [" "]);  // reveal's; Tab and Enter stay native

  function inDeck(el) {
    return el && el.closest && el.closest(".reveal .slides");
  }

  function keepsKey(el, key) {
    if (!el || !el.closest || !inDeck(el) || CLICKER.indexOf(key) >= 0) return false;
    if (el.closest(TEXT)) return true;
    if (el.closest(SLIDER)) return SLIDER_KEYS.indexOf(key) >= 0;
    if (el.closest("select")) return LIST_KEYS.indexOf(key) >= 0;
    return false;
  }

  function giveKeysBack() {
    var el = document.activeElement;
    if (el && el !== document.body && inDeck(el) && el.blur) el.blur();
  }

  document.documentElement.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape" && target && target.closest && target.closest(CONTROL)
        && inDeck(target)) {
      giveKeysBack();  // Esc leaves the control; a second Esc opens reveal's overview
      event.stopPropagation();
      event.preventDefault();
      return;
    }
    if (keepsKey(target, event.key)) {
      event.stopPropagation();
      return;
    }
    // The deck's key: leave no element focused that reveal would defer to, or that would
    // scroll or press itself instead of the slide turning.
    if (DECK_KEYS.indexOf(event.key) >= 0) giveKeysBack();
  });

  // A click outside a control gives the keys back (the widget manager makes every output
  // focusable, so a click on a table would otherwise keep the focus in the output).
  document.addEventListener("mousedown", function (event) {
    var target = event.target;
    var keeps = CONTROL + ", .noUi-target, .widget-slider, button, a, summary, label";
    if (!(target && target.closest && target.closest(keeps))) {
      window.setTimeout(giveKeysBack, 0);
    }
  }, true);
})();
