// The door's camera scan: where the browser has BarcodeDetector (Chrome on Android), a camera view
// reads the ticket's QR code and sends it as if typed; elsewhere the typed code is all there is.
// No library, no CDN. After each answer htmx replaces the form; the code field gets the focus back.
(function () {
  "use strict";
  var section = document.querySelector("[data-scan]");
  var door = document.getElementById("door");
  function focusCode() {
    var input = door && door.querySelector("input[name=code]");
    if (input) { input.focus(); }
  }
  if (door) { door.addEventListener("htmx:afterSwap", focusCode); }
  if (!section || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  section.hidden = false;
  var video = section.querySelector("[data-scan-video]");
  var start = section.querySelector("[data-scan-start]");
  var last = "";
  var lastAt = 0;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.play();
      start.hidden = true;
      function tick() {
        detector.detect(video).then(function (codes) {
          var now = Date.now();
          if (codes.length && (codes[0].rawValue !== last || now - lastAt > 5000)) {
            last = codes[0].rawValue;
            lastAt = now;
            var form = door.querySelector("[data-door-form]");
            form.querySelector("input[name=code]").value = last;
            if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
          }
        }).catch(function () {}).finally(function () { window.setTimeout(tick, 250); });
      }
      tick();
    }).catch(function () { section.hidden = true; });
  });
})();
