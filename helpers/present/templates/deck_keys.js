/* Shared by the offline deck and the live (Voila) deck. A key pressed in a control (a
   slider handle, a scenario list) moves the control, not the slide: reveal.js listens for
   keys on the document, so they are stopped one step before, on <html>. Reveal already
   leaves text boxes alone; click outside the control to navigate with the keys again. */
document.documentElement.addEventListener("keydown", function (event) {
  var target = event.target;
  if (target && target.closest && target.closest(".jupyter-widgets")) {
    event.stopPropagation();
  }
});
