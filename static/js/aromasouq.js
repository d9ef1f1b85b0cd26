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
    document.querySelectorAll("details.account-menu[open]").forEach(function (details) {
      details.removeAttribute("open");
      var summary = details.querySelector("summary");
      if (summary) summary.focus();
    });
  });

  // ---- Listing filters: the phone drawer, note search, and facet state kept across htmx swaps ----

  // The drawer opens by :target without JavaScript; with it, a class keeps it open across swaps and
  // focus moves into the panel and back to the "Filters" button on close.
  function openFilterDrawer(panel) {
    panel.classList.add("filters--open");
    var title = panel.querySelector(".filters__title");
    if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
  }

  function closeFilterDrawer() {
    var panel = document.getElementById("filters");
    if (!panel || !panel.classList.contains("filters--open")) return;
    panel.classList.remove("filters--open");
    var toggle = document.getElementById("filters-open");
    if (toggle) toggle.focus();
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("#filters-open");
    var close = event.target.closest(".filters__close");
    if (toggle && document.getElementById("filters")) {
      event.preventDefault();
      openFilterDrawer(document.getElementById("filters"));
    } else if (close) {
      event.preventDefault();
      closeFilterDrawer();
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === "listing") closeFilterDrawer();
  });

  // The sort sits with the results, outside the filter form it belongs to (form="listing"), so its change
  // does not bubble to the form: hand it on, and the form asks for the listing as for any filter.
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.id === "listing" && !form.contains(event.target)) htmx.trigger(form, "change");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeFilterDrawer();
  });

   // A note search box asks the facet endpoint through htmx, so it is shown (and sent) only where htmx runs.
  function enableFacetSearch(root) {
    root.querySelectorAll("[data-facet-search][hidden]").forEach(function (box) {
      box.hidden = false;
      box.querySelector("input").disabled = false;
    });
  }

  // Typing in a note search is not a filter change, and Enter searches rather than submitting the filters.
  document.addEventListener("change", function (event) {
    if (event.target.closest("[data-facet-search]")) event.stopPropagation();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest("[data-facet-search]")) event.preventDefault();
  });
  document.addEventListener("DOMContentLoaded", function () { enableFacetSearch(document); });

  // "Show all" replaces its list with the full one: focus moves to the first option it revealed.
  var revealedList = null;
  document.addEventListener("click", function (event) {
    var showAll = event.target.closest(".facet__show-all");
    if (showAll) revealedList = showAll.closest(".facet__choices").id;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var list = revealedList && document.getElementById(revealedList);
    var first = list && list.querySelector("[data-first-more] input");
    if (first) { first.focus(); revealedList = null; }
  });

  // htmx replaces the facets after each filter change: keep the groups that were open and the note searches
  // (asked again, as the counts have changed). Expanded groups keep themselves through their `expand` field.
  var facetState = null;
  function isListingSwap(event) {
    return event.detail.target && event.detail.target.id === "listing-results";
  }

  function rememberFacetState(event) {
    var facets = document.getElementById("facets");
    if (!facets || !isListingSwap(event)) return;
    facetState = { open: [], searches: {} };
    facets.querySelectorAll("details[id]").forEach(function (details) {
      if (details.open) facetState.open.push(details.id);
    });
    facets.querySelectorAll(".facet__search-input").forEach(function (input) {
      if (input.value) facetState.searches[input.id] = input.value;
    });
  }

  function restoreFacetState(event) {
    var facets = document.getElementById("facets");
    if (!facets || !facetState || !isListingSwap(event)) return;
    enableFacetSearch(facets);
    facets.querySelectorAll("details[id]").forEach(function (details) {
      details.open = facetState.open.indexOf(details.id) !== -1;
    });
    Object.keys(facetState.searches).forEach(function (id) {
      var input = document.getElementById(id);
      if (input) { input.value = facetState.searches[id]; htmx.trigger(input, "search"); }
    });
    facetState = null;
  }

  document.addEventListener("htmx:beforeSwap", rememberFacetState);
  document.addEventListener("htmx:afterSettle", restoreFacetState);
  document.addEventListener("htmx:historyRestore", function () { enableFacetSearch(document); });

 // ---- Header search suggestions: an ARIA combobox over the listbox htmx fills as the shopper types ----

  // Arrow keys move through the options (focus stays in the input, aria-activedescendant follows),
  // Enter opens the chosen one (with none chosen the form submits to the listing), Escape or a click
  // elsewhere closes the list.
  function setUpSearchSuggestions(input) {
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    if (!listbox) return;

    function options() { return Array.prototype.slice.call(listbox.querySelectorAll('[role="option"]')); }
    function chosen() { return listbox.querySelector('[aria-selected="true"]'); }

    function choose(option) {
      options().forEach(function (each) { each.setAttribute("aria-selected", each === option ? "true" : "false"); });
      if (option) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(open) {
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) choose(null);
    }

    document.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target !== listbox) return;
      choose(null);
      show(options().length > 0 && document.activeElement === input);
    });

    input.addEventListener("keydown", function (event) {
      var list = options();
      if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();  // the first Escape closes the list; it does not also clear the text
        show(false);
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && list.length) {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        if (listbox.hidden) show(true);
        var index = list.indexOf(chosen());
        if (index === -1) index = step > 0 ? -1 : list.length;
        choose(list[(index + step + list.length) % list.length]);
      } else if (event.key === "Enter" && !listbox.hidden && chosen()) {
        event.preventDefault();
        window.location.assign(chosen().href);
      }
    });

    document.addEventListener("click", function (event) {
      if (!input.form.contains(event.target)) show(false);
    });
  }

  document.querySelectorAll("input[data-search-suggestions]").forEach(setUpSearchSuggestions);
})();
