// Starts Swagger UI for the API documentation page. A file rather than an
// inline script, because the Content-Security-Policy forbids inline scripts.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("swagger-ui");
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  window.ui = SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    deepLinking: true,
    // No validator badge: it would call validator.swagger.io, a third-party host.
    validatorUrl: null,
    requestInterceptor: function (request) {
      // "Try it out" while signed in uses the session, which Django protects against CSRF.
      request.headers["X-CSRFToken"] = csrfToken();
      return request;
    },
  });
});
