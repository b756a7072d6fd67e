/* The live deck and dashboard (Voila). Voila hands every rendered markdown cell to MathJax,
   which reads "$12.4 billion ... $17.3bn" as a formula. The briefing has no mathematics:
   marking the markdown "mathjax_ignore" before Voila's scripts start (they wait for the
   window's load event) keeps a dollar a dollar. The server side already renders the markdown
   without maths (live_markdown.py). */
(function () {
  // Every element Voila or a widget may hand to the typesetter: markdown, cell outputs
  // (tables), widget labels and HTML. MathJax checks the class on the element it is given.
  var TYPESET = ".jp-MarkdownOutput, .jp-OutputArea-output, .widget-label, " +
    ".widget-label-basic, .widget-html-content, .widget-htmlmath-content, .widget-inline-hbox";
  function mark(root) {
    if (root.matches && root.matches(TYPESET)) { root.classList.add("mathjax_ignore"); }
    if (root.querySelectorAll) {
      root.querySelectorAll(TYPESET).forEach(function (el) { el.classList.add("mathjax_ignore"); });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    mark(document.body);
    // Outputs and widgets appear later, rendered in the page: mark them as they arrive
    // (the observer runs before the typesetter's own asynchronous pass).
    new MutationObserver(function (records) {
      records.forEach(function (r) { r.addedNodes.forEach(mark); });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();

/* A closed (or reloaded) tab stops its kernel at once instead of waiting to be culled as
   idle: a POST to Voila's own shutdown address as the page goes away (keepalive: it
   outlives the page), with the anti-forgery token the server set in a cookie. A page kept
   in the browser's back/forward cache (event.persisted) keeps its kernel. */
window.addEventListener("pagehide", function (event) {
  var config = document.getElementById("jupyter-config-data");
  var xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/);
  if (event.persisted || !config || !xsrf) { return; }
  var page;
  try { page = JSON.parse(config.textContent); } catch (err) { return; }
  if (page.kernelId) {
    fetch((page.baseUrl || "/") + "voila/api/shutdown/" + page.kernelId, {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "X-XSRFToken": decodeURIComponent(xsrf[1]) }
    });
  }
});
