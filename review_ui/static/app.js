// Pantau review UI behaviour. No inline scripts anywhere (see the Content-Security-Policy).
"use strict";

(function () {
  // Errors from htmx requests (4xx/5xx) arrive as a small HTML fragment: show it.
  document.addEventListener("htmx:responseError", function (event) {
    var flash = document.getElementById("flash");
    var xhr = event.detail.xhr;
    if (!flash || !xhr) return;
    // DOMParser builds an inert document: nothing in it loads or runs.
    var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var found = doc.querySelector(".flash");
    var message = found ? found.textContent
      : "Terjadi kesalahan (" + xhr.status + "). Coba lagi.";
    var p = document.createElement("p");
    p.className = "flash error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    flash.replaceChildren(p);
  });
  document.addEventListener("htmx:sendError", function () {
    var flash = document.getElementById("flash");
    if (!flash) return;
    var p = document.createElement("p");
    p.className = "flash error";
    p.textContent = "Tidak dapat menghubungi server. Periksa jaringan lalu coba lagi.";
    flash.replaceChildren(p);
  });
})();

// Keyboard shortcuts: single keys never fire while the analyst types in a field.
(function () {
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }
  function help() { return document.getElementById("help"); }
  function toggleHelp() {
    var dialog = help();
    if (!dialog) return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }
  function go(id) {
    var link = document.getElementById(id);
    if (link && link.href) window.location.assign(link.href);
  }
  function submitForm(id) {
    var form = document.getElementById(id);
    if (form) form.requestSubmit();
  }
  // The decision forms are tabs; a tab key shows its form and puts the focus on its
  // "Simpan & berikutnya" button, so Enter saves (two keys: y, Enter).
  function showTab(formId, focus) {
    var form = document.getElementById(formId);
    if (!form) return;
    document.querySelectorAll(".decision-tabs [data-tab]").forEach(function (tab) {
      var on = tab.getAttribute("data-tab") === formId;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      var panel = document.getElementById(tab.getAttribute("data-tab"));
      if (panel) panel.hidden = !on;
    });
    if (!focus) return;
    form.scrollIntoView({ block: "nearest" });
    var target = form.getAttribute("data-verdict") === "escalate"
      ? form.querySelector("textarea") : form.querySelector("[data-save-next]");
    if (target) target.focus();
    form.classList.add("focus-ring");
    window.setTimeout(function () { form.classList.remove("focus-ring"); }, 800);
  }
  function activeForm() {
    return document.querySelector("form.decision-form:not([hidden])");
  }
  function pick(n) {
    var form = activeForm();
    if (!form) return false;
    var select = form.querySelector("select[data-numbered]");
    if (select) {
      var options = select.querySelectorAll("option[value]:not([value=''])");
      if (n > options.length) return false;
      select.value = options[n - 1].value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }
    var radios = form.querySelectorAll("input[type=radio]");
    if (n > radios.length) return false;
    radios[n - 1].checked = true;
    return true;
  }
  function saveNext() {
    var form = activeForm();
    var next = form && form.querySelector("[data-save-next]");
    if (next) form.requestSubmit(next);
  }
  var keys = {
    "?": toggleHelp,
    "y": function () { showTab("form-confirm", true); },
    "t": function () { showTab("form-dismiss", true); },
    "e": function () { showTab("form-escalate", true); },
    "Enter": saveNext,
    "c": function () { submitForm("claim-form"); },
    "u": function () { submitForm("undo-form"); },
    "j": function () { go("nav-next"); },
    "ArrowRight": function () { go("nav-next"); },
    "k": function () { go("nav-prev"); },
    "p": function () { go("nav-prev"); },
    "ArrowLeft": function () { go("nav-prev"); },
    "a": function () { submitForm("take-next-form"); },
    "q": function () { go("nav-queue"); }
  };
  document.addEventListener("keydown", function (event) {
    // Ctrl/Cmd+Enter inside a decision form: save and open the next item.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.closest && event.target.closest("form.decision-form");
      if (form) {
        event.preventDefault();
        var next = form.querySelector("[data-save-next]");
        if (next) form.requestSubmit(next);
      }
      return;
    }
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    if (help() && help().open && event.key !== "?") return;
    // Enter on a focused button or link is the browser's own click.
    if (event.key === "Enter" && event.target.closest && event.target.closest("button, a")) return;
    if (/^[1-9]$/.test(event.key)) {
      if (pick(parseInt(event.key, 10))) event.preventDefault();
      return;
    }
    var action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
  document.addEventListener("click", function (event) {
    var tab = event.target.closest && event.target.closest(".decision-tabs [data-tab]");
    if (tab) showTab(tab.getAttribute("data-tab"), false);
  });
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-numbered]")) return;
    var out = document.getElementById("code-label");
    var chosen = select.options[select.selectedIndex];
    if (out) out.textContent = chosen ? (chosen.getAttribute("data-label") || "") : "";
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-open-help]")) toggleHelp();
  });
})();

// The claim's lease: count down, renew only while the analyst is active, and keep every
// decision form on the item's current version.
(function () {
  var IDLE_LIMIT_MS = 10 * 60 * 1000;
  var lastActive = Date.now();
  var deadline = null;
  ["keydown", "mousemove", "mousedown", "scroll", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, function () { lastActive = Date.now(); }, { passive: true });
  });
  function sync() {
    var lease = document.getElementById("lease");
    if (!lease) { deadline = null; return; }
    var remaining = parseInt(lease.getAttribute("data-remaining") || "0", 10);
    deadline = Date.now() + remaining * 1000;
    var version = lease.getAttribute("data-version");
    document.querySelectorAll("input.item-version").forEach(function (input) {
      input.value = version;
    });
    if (lease.getAttribute("data-lost")) {
      document.querySelectorAll("form.decision-form button, #release-form button").forEach(
        function (button) { button.disabled = true; });
    }
  }
  function tick() {
    var lease = document.getElementById("lease");
    if (!lease || deadline === null) return;
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var out = lease.querySelector(".countdown");
    if (out) out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    lease.classList.toggle("ending", left < 120);
  }
  document.addEventListener("DOMContentLoaded", function () { sync(); tick(); });
  document.addEventListener("htmx:afterSettle", sync);
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.id === "lease" && Date.now() - lastActive > IDLE_LIMIT_MS) {
      event.preventDefault(); // an abandoned tab must not hold the item forever
    }
  });
  window.setInterval(tick, 1000);
})();

// "Urungkan" stays for the seconds the server still accepts it, then goes away.
(function () {
  function tick() {
    document.querySelectorAll("form.undo[data-expires]").forEach(function (form) {
      var left = parseInt(form.getAttribute("data-expires"), 10) - 1;
      form.setAttribute("data-expires", String(left));
      var out = form.querySelector(".undo-left");
      if (out) out.textContent = String(Math.max(left, 0));
      if (left <= 0) form.remove();
    });
  }
  window.setInterval(tick, 1000);
})();

// Queue: select-all checkbox and a live count on the bulk button.
(function () {
  function update() {
    var boxes = document.querySelectorAll("input[name=item][form=bulk-form]");
    var checked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    var out = document.getElementById("bulk-count");
    if (out) out.textContent = String(checked);
    var button = document.getElementById("bulk-submit");
    if (button) button.disabled = checked === 0;
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.id === "select-all") {
      // Open rows feed the bulk dismissal, confirmed rows the new case: select both.
      document.querySelectorAll("#queue-table input[name=item]").forEach(function (box) {
        box.checked = target.checked;
      });
    }
    update();
  });
  document.addEventListener("DOMContentLoaded", update);
})();
