/* Registers heartwork's service worker, so the app can be installed and opens a friendly
 * page when there is no connection. Nothing else depends on it. */
"use strict";
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    const script = document.querySelector("script[data-service-worker]");
    navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" })
      .catch(() => { /* the site works the same without it */ });
  });
}
