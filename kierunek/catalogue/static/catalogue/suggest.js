/* Suggestions as one types into the catalogue search: the ARIA 1.2 combobox pattern (an editable
   combobox with list autocomplete). HTMX fetches the options into the list box
   (kierunek/catalogue/views/suggest.py); this script opens and closes it and moves through it:
   ArrowDown and ArrowUp move, Enter chooses, Escape closes, Tab leaves; a tap or a click chooses
   too. Focus stays in the field; aria-activedescendant names the option in view. Choosing a
   title or a qualification searches for its text; choosing a category searches within it.
   Without this script (or without JavaScript) the field is a plain search field. */
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var form = input.form;
    if (!list || !form) {
      return;
    }
    var active = -1;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    }

    function isOpen() {
      return input.getAttribute("aria-expanded") === "true";
    }

    function highlight(index) {
      var all = options();
      active = index;
      all.forEach(function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (options().length === 0) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      highlight(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function choose(option) {
      var category = option.getAttribute("data-category");
      close();
      if (category) {
        var select = form.elements.namedItem("category");
        if (select && select.querySelector('option[value="' + CSS.escape(category) + '"]')) {
          select.value = category;
        } else {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "category";
          hidden.value = category;
          form.appendChild(hidden);
        }
        input.value = "";
      } else {
        input.value = option.getAttribute("data-text");
      }
      // Through the form's submit event, which HTMX takes over (or the browser sends).
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }

    // New options arrived: shown while the field still has the focus.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (!event.detail || event.detail.target !== list) {
        return;
      }
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (document.activeElement === input && input.value.trim() !== "") {
        open();
      } else {
        close();
      }
    });

    input.addEventListener("input", function () {
      highlight(-1);
      if (input.value.trim() === "") {
        close();
      }
    });

    input.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var all = options();
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          event.preventDefault();
          if (all.length === 0) {
            // Nothing fetched yet (a page opened with a text): ask HTMX for it.
            if (input.value.trim() !== "") {
              input.dispatchEvent(new CustomEvent("suggest"));
            }
            return;
          }
          if (!isOpen()) {
            open();
            highlight(event.key === "ArrowDown" ? 0 : all.length - 1);
            return;
          }
          if (event.key === "ArrowDown") {
            highlight(active + 1 >= all.length ? 0 : active + 1);
          } else {
            highlight(active <= 0 ? all.length - 1 : active - 1);
          }
          return;
        case "Enter":
          if (isOpen() && active >= 0 && all[active]) {
            event.preventDefault();
            choose(all[active]);
          } else {
            close(); // the form is sent with the text as typed
          }
          return;
        case "Escape":
          if (isOpen()) {
            event.preventDefault(); // closes the list, keeps the text
            close();
          }
          return;
        case "Tab":
          close();
          return;
        default:
          return;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    // A press on an option keeps the focus in the field (so blur does not close the list first);
    // the click that follows chooses it.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option && list.contains(option)) {
        choose(option);
      }
    });
    list.addEventListener("mousemove", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) {
        highlight(options().indexOf(option));
      }
    });
  }

  function start() {
    document.querySelectorAll('input[role="combobox"][aria-controls]').forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
