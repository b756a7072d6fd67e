/* The live deck and dashboard (Voila). Voila hands every rendered markdown cell to MathJax,
   which reads "$12.4 billion ... $17.3bn" as a formula. The briefing has no mathematics:
   marking the markdown "mathjax_ignore" before Voila's scripts start (they wait for the
   window's load event) keeps a dollar a dollar. The server side already renders the markdown
   without maths (live_markdown.py). */
(function () {
  function ignoreMaths() {
    document.querySelectorAll(".jp-MarkdownOutput").forEach(function (el) {
      el.classList.add("mathjax_ignore");
    });
  }
  document.addEventListener("DOMContentLoaded", ignoreMaths);
  window.addEventListener("load", ignoreMaths, { capture: true });
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
