/* heartwork's service worker. The view that serves it puts `self.HEARTWORK` first:
 * { version, precache: [urls], offline: url, staticPrefix: url, leave: url }.
 *
 * What it keeps: the project's own static files and the offline page (which is the same
 * for everyone). What it never keeps: any page, fragment or API answer, because those hold
 * what people wrote, and a cache on a shared phone can be read by whoever holds it.
 * Pages always come from the network; when there is none, the offline page is shown.
 */
"use strict";

const CONFIG = self.HEARTWORK;
const CACHE = "heartwork-static-" + CONFIG.version;
// Set by a quick exit, until the server has ended the session (see "message" below).
const LEAVING = "heartwork-leaving";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(CONFIG.precache.map((url) => new Request(url, { credentials: "omit" })))
    ).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  // A new version takes over at once and removes what older versions kept.
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names.filter((name) => name.startsWith("heartwork-") && name !== CACHE)
             .map((name) => caches.delete(name))
      )
    ).then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(
      endSessionIfLeaving()
        .then(() => fetch(request))
        .catch(() => caches.match(CONFIG.offline).then((page) => page || Response.error()))
    );
    event.waitUntil(restock());
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    // Static names carry a hash of their content: a cached copy is always the right one.
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }))
    );
  }
  // Everything else goes to the network untouched and is never stored.
});

// The quick exit (static/heartwork/quick-exit.js) tells the worker, which outlives the
// page: forget every cache, and remember to end the session. The page has already asked
// the server to end it; when that could not reach the server (offline), the next heartwork
// page asked for ends it first, so Back never opens a private page once the device is
// online again. The marker is gone as soon as the server has answered.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "heartwork:quick-exit") return;
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("heartwork-")).map((name) => caches.delete(name))
      ))
      .then(() => caches.open(LEAVING))
      .then((marker) => marker.put(CONFIG.leave, new Response("")))
      .then(endSessionIfLeaving)
      .catch(() => { /* offline: the next page load tries again */ })
  );
});

function endSessionIfLeaving() {
  return caches.has(LEAVING).then((leaving) => {
    if (!leaving) return undefined;
    return fetch(CONFIG.leave, { method: "POST", credentials: "same-origin", redirect: "manual" })
      .then((response) => (response.ok ? caches.delete(LEAVING) : undefined), () => undefined);
  });
}

// After a quick exit the caches are empty; the next visit puts the offline page back.
function restock() {
  return caches.has(CACHE).then((kept) => kept || caches.open(CACHE).then((cache) =>
    cache.addAll(CONFIG.precache.map((url) => new Request(url, { credentials: "omit" })))
  )).catch(() => { /* offline now: next time */ });
}

// Reminders as notifications. The payload holds a title, a line and a path on this site,
// never anything a person wrote (heartwork.reminders.push).
self.addEventListener("push", (event) => {
  let message = { title: "heartwork", body: "A moment for you in heartwork", url: "/today/" };
  try {
    message = Object.assign(message, event.data ? event.data.json() : {});
  } catch (error) { /* keep the neutral message */ }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: CONFIG.icon,
      badge: CONFIG.icon,
      tag: "heartwork-reminder",
      data: { url: message.url },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || "/today/", self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === target.origin);
      return open ? open.navigate(target.href).then((client) => client && client.focus())
                  : self.clients.openWindow(target.href);
    })
  );
});
