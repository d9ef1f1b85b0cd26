// AromaSouQ's only script: htmx wiring that must not live inline (the CSP forbids inline script).
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Every htmx request carries the CSRF token, as Flask-WTF expects it.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  function showToast(message, kind) {
    var region = document.getElementById("toasts");
    if (!region || !message) return;
    var toast = document.createElement("p");
    toast.className = "toast toast--" + (kind || "info");
    toast.textContent = message;
    region.appendChild(toast);
    window.setTimeout(function () { toast.remove(); }, 6000);
  }

  // Error responses are not swapped (see htmx-config); their fragment's title becomes a toast.
  document.addEventListener("htmx:responseError", function (event) {
    var holder = document.createElement("div");
    holder.innerHTML = event.detail.xhr.responseText || "";
    var panel = holder.querySelector("[data-error-message]");
    showToast(panel ? panel.getAttribute("data-error-message") : document.documentElement.dataset.errorFallback, "error");
  });

  document.addEventListener("htmx:sendError", function () {
    showToast(document.documentElement.dataset.offlineMessage, "error");
  });

  // Server events sent with HX-Trigger: {"showToast": {"message": "...", "kind": "success"}}.
  document.addEventListener("showToast", function (event) {
    showToast(event.detail && event.detail.message, event.detail && event.detail.kind);
  });

  // Close an open account menu with Escape, returning focus to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details[open]").forEach(function (details) {
      details.removeAttribute("open");
      var summary = details.querySelector("summary");
      if (summary) summary.focus();
    });
  });
})();
