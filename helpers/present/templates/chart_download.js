/* Shared by the offline pages and decks: "Download this chart: PNG" saves the chart as it is
   shown. The link carries no copy of the picture (a page would hold every chart twice, and
   the handout would pass its size limit); on a click it takes the picture of the chart it
   sits under (the first image of its output or widget). The SVG links carry their file. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.png-download");
    if (!link) return;
    var holder = link.closest(".widget-html-content, .jp-OutputArea-output, .jp-Cell");
    var img = holder && holder.querySelector("img");
    if (img) {
      link.setAttribute("href", img.getAttribute("src"));
    } else {
      event.preventDefault();
    }
  }, true);
})();
