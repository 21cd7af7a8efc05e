"""The site header at 1280 px in a real Chromium: the brand, every main-menu link and the
language switcher stay on one line, in both languages (Russian labels are longer)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The boxes of the header's parts, measured by the browser after layout.
BOXES = """() => [".brand", ".main-nav li", ".language-switch"].flatMap(
    (selector) => [...document.querySelectorAll(".site-header " + selector)].map((element) => {
        const box = element.getBoundingClientRect();
        return {what: selector, text: element.textContent.trim(), top: box.top, bottom: box.bottom};
    })
)"""


def header_lines(page, url, width):
    """Return the header's parts grouped by the line they sit on, at `width` px."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    boxes = page.evaluate(BOXES)
    assert {box["what"] for box in boxes} == {".brand", ".main-nav li", ".language-switch"}
    lines = []
    for box in sorted(boxes, key=lambda box: box["top"]):
        # On the same line when it overlaps vertically with the line's first part.
        if lines and box["top"] < lines[-1][0]["bottom"]:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [[box["text"] for box in line] for line in lines]


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_header_is_one_line_at_1280_px(live_server, page, prefix):
    for path in ("/", "/news/"):
        lines = header_lines(page, f"{live_server.url}{prefix}{path}", 1280)
        assert len(lines) == 1, f"{prefix}{path}: the header wraps into {lines}"


def test_the_check_sees_a_header_that_wraps(live_server, page):
    """At a phone's width the header wraps by design: the same measure sees it."""
    assert len(header_lines(page, f"{live_server.url}/ru/", 390)) > 1
