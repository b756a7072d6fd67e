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

/* An upload too large to send is refused here, before it leaves the browser. An upload
   widget (ipywidgets' FileUpload) sends the chosen files to the kernel in one websocket
   message, and Jupyter's server drops a message over 10 MiB by closing the connection:
   no message, later uploads ignored, and the only way out (a reload) starts a new kernel
   and loses the room. So the widget's own "change" listener is wrapped: a file over the
   widget's limit (its class "briefing-upload-limit-N", the size the kernel would refuse
   anyway) is taken out of the choice and named in an alert beside the button; the other
   files go on; a choice still too large together for one message sends nothing and says
   so. The widget's file input is never in the page (events on it do not bubble to the
   document), hence the wrapper around addEventListener rather than a listener. */
(function () {
  var TOGETHER = 8 * 1024 * 1024;  // under the server's 10 MiB, with room for the message
  var LIMIT = /(?:^|\s)briefing-upload-limit-(\d+)(?:\s|$)/;
  var chosenFrom = null;  // the upload button last clicked: its input is the one that changes
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest(".widget-upload");
    if (button) { chosenFrom = button; }
  }, true);

  function bytes(n) { return n.toLocaleString("en-US") + " bytes"; }

  function say(button, lines) {
    var old = button && button.parentNode &&
      button.parentNode.querySelector(".briefing-upload-refused");
    if (old) { old.remove(); }
    if (!lines.length || !button || !button.parentNode) { return; }
    var alert = document.createElement("div");
    alert.className = "briefing-upload-refused";
    alert.setAttribute("role", "alert");
    alert.textContent = lines.join(" ");  // text only: a file's name is never markup
    button.parentNode.insertBefore(alert, button.nextSibling);
  }

  /* Keep what may be sent in input.files; false if nothing is left to send. */
  function guard(input) {
    var button = chosenFrom;
    var files = Array.prototype.slice.call(input.files || []);
    var found = button && LIMIT.exec(button.className);
    var limit = found ? parseInt(found[1], 10) : TOGETHER;
    var keep = files.filter(function (f) { return f.size <= limit; });
    var lines = files.filter(function (f) { return f.size > limit; }).map(function (f) {
      return "Not sent: \u201c" + f.name + "\u201d is " + bytes(f.size) + "; a file may be at " +
        "most " + bytes(limit) + ".";
    });
    var total = keep.reduce(function (sum, f) { return sum + f.size; }, 0);
    if (total > TOGETHER) {
      lines.push("Not sent: the " + keep.length + " files chosen are " + bytes(total) +
        " together, more than one upload carries (" + bytes(TOGETHER) + "); choose fewer " +
        "files at a time.");
      keep = [];
    }
    if (lines.length) {
      lines.push("Nothing already loaded is lost; choose the right file and upload again.");
    }
    say(button, lines);
    if (keep.length && keep.length !== files.length) {
      var chosen = new DataTransfer();
      keep.forEach(function (f) { chosen.items.add(f); });
      input.files = chosen.files;
    }
    return keep.length > 0;
  }

  var add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === "change" && typeof listener === "function" &&
        this instanceof HTMLInputElement && this.type === "file") {
      var input = this, original = listener;
      listener = function () {
        if (guard(input)) { return original.apply(this, arguments); }
      };
    }
    return add.call(this, type, listener, options);
  };
})();

/* A kernel that dies is said, and its controls stop pretending. When a page's kernel dies
   (killed, out of memory), Jupyter's server restarts it empty or gives up: either way the
   page's widgets have lost their other half, and before this the page only showed
   broken-link icons while a scenario list still changed and its chart did not. The server
   tells the page on the kernel's channel (a "status" message: "restarting" or "dead"); a
   closed channel that does not come back is said too. The page then shows one line with
   what to do, and every widget is made inert (not clickable, not focusable) and dimmed. */
(function () {
  var Native = window.WebSocket;
  if (!Native) { return; }
  var KERNEL = /\/api\/kernels\/[^/?#]+\/channels/;
  var STATUS = /"msg_type"\s*:\s*"status"/;
  var GONE = /"execution_state"\s*:\s*"(restarting|autorestarting|dead)"/;
  var decoder = window.TextDecoder ? new TextDecoder("utf-8", { fatal: false }) : null;
  var leaving = false;
  var stopped = false;
  window.addEventListener("pagehide", function () { leaving = true; });

  function notice(id, text) {
    var old = document.getElementById(id);
    if (old) { old.remove(); }
    if (!text) { return; }
    var line = document.createElement("div");
    line.id = id;
    line.className = "briefing-kernel-notice";
    line.setAttribute("role", "alert");
    line.textContent = text;
    document.body.appendChild(line);
  }

  function freeze() {
    document.documentElement.classList.add("briefing-kernel-stopped");
    document.querySelectorAll(".jupyter-widgets, .jp-OutputArea-output").forEach(function (el) {
      if (el.querySelector(".jupyter-widgets") || el.classList.contains("jupyter-widgets")) {
        el.setAttribute("inert", "");
      }
    });
  }

  function kernelStopped() {
    if (stopped) { return; }
    stopped = true;
    notice("briefing-connection-lost", "");
    notice("briefing-kernel-stopped",
      "This page's kernel stopped, so its explorers and uploads no longer answer. Reload " +
      "the page to start a new one (files uploaded to this page must be uploaded again).");
    freeze();
  }

  function text(data) {
    if (typeof data === "string") { return data.length < 16384 ? data : ""; }
    if (decoder && data instanceof ArrayBuffer && data.byteLength < 16384) {
      return decoder.decode(data);
    }
    return "";
  }

  var lost = null;
  function Watched(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (!KERNEL.test(String(url))) { return socket; }
    if (lost) { clearTimeout(lost); lost = null; }
    if (!stopped && document.getElementById("briefing-connection-lost")) {
      notice("briefing-connection-lost", "");  // back again: the widgets answer again
      document.documentElement.classList.remove("briefing-kernel-stopped");
      document.querySelectorAll("[inert]").forEach(function (el) { el.removeAttribute("inert"); });
    }
    socket.addEventListener("message", function (event) {
      var said = text(event.data);
      if (said && STATUS.test(said) && GONE.test(said)) { kernelStopped(); }
    });
    socket.addEventListener("close", function () {
      if (leaving || stopped) { return; }
      // The page reconnects by itself after a hiccup; only a channel that stays closed is said.
      lost = setTimeout(function () {
        notice("briefing-connection-lost",
          "The connection to the briefing's server was lost: check that make present (or " +
          "make dashboard) is still running, then reload the page.");
        freeze();
      }, 5000);
    });
    return socket;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;
})();
