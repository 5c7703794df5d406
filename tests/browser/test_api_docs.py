"""The API's documentation page in a real browser: Swagger UI from the sandbox's own static
files, under the site's Content-Security-Policy, trying the endpoints for real."""

from playwright.sync_api import expect

from seats.models import Seat

SERIOUS = {"serious", "critical"}


def _tried(page, operation_id: str):
    """Open an operation, Try it out, Execute: its live response."""
    block = page.locator(f"#operations-{operation_id}")
    block.locator(".opblock-summary-control").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    return block.locator(".live-responses-table .response-col_description pre").first


def test_the_docs_page_tries_the_api_with_nothing_from_outside(page, browser_sample_data, axe):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/en/qa/")
    page.get_by_test_id("qa-api-docs-link").click()
    expect(page.locator("h1")).to_have_text("API for scripts")
    schema = page.request.get("/api/v1/openapi.json").json()
    operations = sum(len(operations) for operations in schema["paths"].values())
    assert operations >= 10
    expect(page.locator("#swagger-ui .opblock")).to_have_count(operations)

    expect(_tried(page, "outcomes-outcomes_list")).to_contain_text('"id": "BC-1"')
    expect(_tried(page, "seats-seats_create")).to_contain_text('"join_url"')
    assert Seat.objects.filter(is_default=False).count() == 1
    assert [text for text in console if "Content Security Policy" in text] == []

    # What Swagger UI draws once used passes axe too (the page fixture checked it as loaded),
    # once its fades have ended.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in axe.run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert violations == []
