// The API documentation page: Swagger UI (drf-spectacular-sidecar's copy, served by this
// site) reads the schema whose address the page gives. A request it sends with the session
// of a signed-in trainer carries the CSRF token, as the site's own forms do.
"use strict";

// What Swagger UI draws without an accessible name or a way in by keyboard, mended as it
// draws it: the request body's text box gets the page's label, a scrolling response a tab stop.
function mendAccessibility(root) {
  root.querySelectorAll("textarea:not([aria-label])").forEach(function (box) {
    box.setAttribute("aria-label", root.dataset.bodyLabel);
  });
  root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (code) {
    code.setAttribute("tabindex", "0");
  });
}

document.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  new MutationObserver(function () {
    mendAccessibility(root);
  }).observe(root, { childList: true, subtree: true });
  SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: false,
    requestInterceptor: function (request) {
      if (request.method && request.method !== "GET") {
        request.headers["X-CSRFToken"] = root.dataset.csrfToken;
      }
      return request;
    },
  });
});
