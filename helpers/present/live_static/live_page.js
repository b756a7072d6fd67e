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
