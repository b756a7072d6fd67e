/* A slider's handle carries its label (axe-core: aria-input-field-name). The widget manager
   draws noUiSlider handles with role="slider" but no accessible name; the slider's own
   description is beside it, so the handle is labelled by that text once it is drawn. */
(function () {
  function label(root) {
    root.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])").forEach(function (h) {
      var slider = h.closest(".widget-slider");
      var text = slider && slider.querySelector(".widget-label");
      h.setAttribute("aria-label", (text && text.textContent.trim()) || "Slider");
    });
  }
  new MutationObserver(function () { label(document); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
