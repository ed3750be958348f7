"""A person creates a token on the Connect page, copies it with the button, a tool reads
with it, and revoking it stops the tool at once."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_token_created_copied_used_and_revoked(sign_in, browser, live_server):
    page = sign_in("vn-reporter")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("link", name="Connect", exact=True).click()
    expect(page.get_by_test_id("odata-url").first).to_contain_text("/odata/v4/alliance87/")
    page.get_by_test_id("token-new").click()
    page.get_by_label("Label").fill("Power BI at MOLISA")
    page.get_by_role("button", name="Create the token").click()

    shown = page.get_by_test_id("new-token").inner_text()
    assert shown.startswith("pf_")
    page.get_by_role("button", name="Copy the token").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == shown

    # A tool: no cookie of the person's, only the token.
    tool = browser.new_context(base_url=live_server.url).request
    reply = tool.get("/connect/whoami/", headers={"Authorization": f"Bearer {shown}"})
    assert reply.status == 200 and reply.json()["username"] == "vn-reporter"

    page.get_by_role("link", name="I have copied it: back to Connect").click()
    page.get_by_role("link", name="Revoke Power BI at MOLISA").click()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_test_id("tokens")).to_contain_text("revoked")
    reply = tool.get("/connect/whoami/", headers={"Authorization": f"Bearer {shown}"})
    assert reply.status == 401 and "revoked" in reply.text()
