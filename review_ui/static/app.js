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
