/* Suggestions as one types into the catalogue search: the ARIA 1.2 combobox pattern (an editable
   combobox with list autocomplete). HTMX fetches the options into the list box
   (kierunek/catalogue/views/suggest.py); this script opens and closes it and moves through it:
   ArrowDown and ArrowUp move, Enter chooses, Escape closes, Tab leaves; a tap or a click chooses
   too. Focus stays in the field; aria-activedescendant names the option in view. Choosing a
   title or a qualification searches for its text; choosing a category searches within it.

   Every listener is on the document and every state is in the page (aria-expanded,
   aria-activedescendant, data-suggest-quiet), so the field keeps working when HTMX puts back a
   page from its history. Without this script (or without JavaScript) the field is a plain
   search field. */
(function () {
  "use strict";

  var COMBOBOX = 'input[role="combobox"][aria-controls]';

  function listOf(input) {
    return document.getElementById(input.getAttribute("aria-controls"));
  }

  function comboboxOf(list) {
    return list && list.id ? document.querySelector('[aria-controls="' + CSS.escape(list.id) + '"]') : null;
  }

  function options(input) {
    var list = listOf(input);
    return list ? Array.prototype.slice.call(list.querySelectorAll('[role="option"]')) : [];
  }

  function isOpen(input) {
    return input.getAttribute("aria-expanded") === "true";
  }

  function activeIndex(input) {
    var id = input.getAttribute("aria-activedescendant");
    return id ? options(input).findIndex(function (option) { return option.id === id; }) : -1;
  }

  function highlight(input, index) {
    var all = options(input);
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

  function open(input) {
    var list = listOf(input);
    if (!list || options(input).length === 0) {
      close(input);
      return;
    }
    delete input.dataset.suggestQuiet;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // Closed by the person (Escape, Enter, a choice, leaving): an answer still on its way does not
  // open the list again until they type.
  function close(input, quiet) {
    var list = listOf(input);
    highlight(input, -1);
    if (list) {
      list.hidden = true;
    }
    input.setAttribute("aria-expanded", "false");
    if (quiet) {
      input.dataset.suggestQuiet = "true";
    }
  }

  function choose(input, option) {
    var form = input.form;
    var category = option.getAttribute("data-category");
    close(input, true);
    if (!form) {
      return;
    }
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

  // New options arrived: shown while the field has the focus and was not just closed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var input = comboboxOf(event.detail && event.detail.target);
    if (!input) {
      return;
    }
    input.removeAttribute("aria-activedescendant");
    if (document.activeElement === input && input.value.trim() !== "" && !input.dataset.suggestQuiet) {
      open(input);
    } else {
      close(input);
    }
  });

  // A page HTMX puts back from its history (Back) comes as it was kept, perhaps with the list
  // open: closed, until the person types again.
  document.addEventListener("htmx:historyRestore", function () {
    document.querySelectorAll(COMBOBOX).forEach(function (input) {
      close(input);
    });
  });

  document.addEventListener("input", function (event) {
    var input = event.target.closest && event.target.closest(COMBOBOX);
    if (!input) {
      return;
    }
    delete input.dataset.suggestQuiet;
    highlight(input, -1);
    if (input.value.trim() === "") {
      close(input);
    }
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest(COMBOBOX);
    if (!input || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var all = options(input);
    var active = activeIndex(input);
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        if (all.length === 0) {
          // Nothing fetched yet (a page opened with a text): ask HTMX for it.
          if (input.value.trim() !== "") {
            delete input.dataset.suggestQuiet;
            input.dispatchEvent(new CustomEvent("suggest"));
          }
          return;
        }
        if (!isOpen(input)) {
          open(input);
          highlight(input, event.key === "ArrowDown" ? 0 : all.length - 1);
        } else if (event.key === "ArrowDown") {
          highlight(input, active + 1 >= all.length ? 0 : active + 1);
        } else {
          highlight(input, active <= 0 ? all.length - 1 : active - 1);
        }
        return;
      case "Enter":
        if (isOpen(input) && active >= 0) {
          event.preventDefault();
          choose(input, all[active]);
        } else {
          close(input, true); // the form is sent with the text as typed
        }
        return;
      case "Escape":
        if (isOpen(input)) {
          event.preventDefault(); // closes the list and keeps the text
          close(input, true);
        }
        return;
      case "Tab":
        close(input, true);
        return;
      default:
        return;
    }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches(COMBOBOX)) {
      close(event.target, true);
    }
  });

  function optionAt(event) {
    var option = event.target.closest && event.target.closest('[role="option"]');
    var input = option ? comboboxOf(option.closest('[role="listbox"]')) : null;
    return input ? { input: input, option: option } : null;
  }

  // A press on an option keeps the focus in the field (so that leaving it does not close the
  // list first); the click that follows chooses the option.
  document.addEventListener("mousedown", function (event) {
    if (optionAt(event)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var found = optionAt(event);
    if (found) {
      choose(found.input, found.option);
    }
  });
  document.addEventListener("mousemove", function (event) {
    var found = optionAt(event);
    if (found) {
      highlight(found.input, options(found.input).indexOf(found.option));
    }
  });
})();
