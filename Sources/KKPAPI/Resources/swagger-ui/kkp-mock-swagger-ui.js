// kkp-mock's Swagger UI initializer (served as /rest-api/kkp-mock-swagger-ui.js: KKP's CSP allows no inline script).
// It loads this server's own document; the Authorize button takes a token (`demo-token`), sent as
// `Authorization: Bearer <token>` with every "Try it out" request.
"use strict";

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/swagger.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No badge from the public validator: the page talks to this server only.
    validatorUrl: null,
    // Keep the token across reloads (in this browser's local storage).
    persistAuthorization: true,
    // The api_key security definition is the whole Authorization header; a bare token gets the Bearer scheme.
    requestInterceptor: function (request) {
      var value = request.headers && request.headers.Authorization;
      if (value && !/^\S+\s/.test(value.trim())) {
        request.headers.Authorization = "Bearer " + value.trim();
      }
      return request;
    },
  });
});
