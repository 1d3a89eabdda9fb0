// Wagtail's date, time and date-time pickers, started without an inline script: the widgets'
// templates (cms/admin/*_input.html) leave a hidden marker after the field, and this Stimulus
// controller calls Wagtail's own initialiser for it. Markers added later (the scheduling dialog,
// a new inline form) are connected by Stimulus as they appear.
(() => {
  "use strict";

  const INITIALISERS = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };

  function register() {
    const { app } = window.wagtail;
    app.register(
      "k-date-chooser",
      class extends window.StimulusModule.Controller {
        static values = { kind: String, input: String, config: Object };

        connect() {
          if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", () => this.start(), { once: true });
          } else {
            this.start();
          }
        }

        start() {
          const initialise = window[INITIALISERS[this.kindValue]];
          if (typeof initialise === "function" && document.getElementById(this.inputValue)) {
            initialise(this.inputValue, this.configValue);
          }
        }
      },
    );
  }

  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    register();
  } else {
    document.addEventListener("DOMContentLoaded", register, { once: true });
  }
})();
