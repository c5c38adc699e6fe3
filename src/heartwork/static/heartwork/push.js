/* "Send notifications to this device": asks the browser for permission, subscribes it
 * with heartwork's public key, and hands the subscription to the server. Without
 * JavaScript or push support, the button stays hidden and the page says so. */
"use strict";
(function () {
  const box = document.querySelector("[data-push]");
  if (!box) return;
  const button = box.querySelector("[data-push-start]");
  const status = box.querySelector("[data-push-status]");
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) return;

  function keyBytes(base64url) {
    const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  function csrfToken() {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  }
  async function subscribed() {
    const registration = await navigator.serviceWorker.ready;
    return registration.pushManager.getSubscription();
  }

  async function start() {
    button.disabled = true;
    status.textContent = "Asking your browser…";
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        status.textContent = "Your browser didn't allow notifications. You can change that in its site settings.";
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const subscription = (await registration.pushManager.getSubscription()) ||
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.dataset.pushKey),
        }));
      const response = await fetch(box.dataset.pushUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(subscription.toJSON()),
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        status.textContent = answer.error || "That didn't work. Please try again.";
        return;
      }
      window.location.reload();
    } catch (error) {
      status.textContent = "This browser couldn't set up notifications.";
    } finally {
      button.disabled = false;
    }
  }

  subscribed().then((subscription) => {
    status.textContent = subscription
      ? "This device is set up for notifications."
      : "This device doesn't get notifications yet.";
    button.hidden = false;
    if (subscription) button.textContent = "Set this device up again";
  });
  button.addEventListener("click", start);
})();
