"""heartwork as an installed app, in Chromium: the manifest passes Chromium's own checks,
the service worker takes control, and without a connection the offline page opens."""

import json
import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import open_as


def test_the_app_installs_and_opens_offline(browse, people):
    page = open_as(browse, "alice@example.com", "/today/")
    session = page.context.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"].endswith("/manifest.webmanifest")

    # The worker installs and takes control of the page.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # A test browser's context is always incognito-like; anything else would block installing.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == [], errors

    page.context.set_offline(True)
    page.goto("/today/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert "Alice" not in page.content()
    browse.check(page, "offline")

    # The offline page's help numbers are a tap away too.
    expect(page.locator("a[href^='tel:']").first).to_be_attached()

    # The quick exit works here too. Offline, it cannot reach the server to end the session
    # at once; the worker remembers, and ends it before any heartwork page opens again.
    page.get_by_role("link", name="Leave this site now").click()
    page.wait_for_url(lambda url: "/today/" not in url)
    page.wait_for_timeout(500)  # the worker's message handler runs
    page.context.set_offline(False)
    back = page.context.new_page()
    back.goto("/today/")
    expect(back).to_have_url(re.compile(r"/login/"))
    expect(back.locator("#id_username")).to_be_visible()


def test_a_push_message_shows_a_notification_and_the_settings_explain_it(browse, people):
    page = open_as(browse, "alice@example.com", "/settings/reminders/")
    page.context.grant_permissions(["notifications"])
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    browse.check(page, "notification-settings")
    expect(page.get_by_role("button", name="Send notifications to this device")).to_be_visible()

    # Deliver a push message to the worker as a push service would, through Chromium itself.
    session = page.context.new_cdp_session(page)
    versions = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated", lambda e: versions.extend(e["registrations"])
    )
    session.send("ServiceWorker.enable")
    registration = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")
    deadline = time.monotonic() + 10
    while not any(registration.startswith(r["scopeURL"]) for r in versions):
        assert time.monotonic() < deadline, "Chromium never reported the worker's registration"
        page.wait_for_timeout(100)
    registration_id = next(
        r["registrationId"] for r in versions if registration.startswith(r["scopeURL"])
    )
    session.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": browse.base_url,
            "registrationId": registration_id,
            "data": json.dumps(
                {"title": "heartwork", "body": "A moment for you in heartwork", "url": "/today/"}
            ),
        },
    )
    shown = shown_notifications(page)
    assert shown == [{"title": "heartwork", "body": "A moment for you in heartwork"}]


def shown_notifications(page, *, within_seconds: float = 10.0) -> list[dict]:
    """What the worker has put on screen, once it has shown something (push is asynchronous:
    the worker may still be waking when Chromium reports the message delivered)."""
    deadline = time.monotonic() + within_seconds
    while True:
        shown = page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.getNotifications())"
            ".then(n => n.map(x => ({title: x.title, body: x.body})))"
        )
        if shown or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(100)
