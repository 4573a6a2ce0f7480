"""Walking a page with the keyboard alone, for the browser tests of ``testing/tests/``."""

# The focused element and whether its focus can be seen: an outline or a box shadow.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
    text: (el.innerText || el.value || '').trim().slice(0, 80), href: el.getAttribute('href') || '',
    visible: outline || style.boxShadow !== 'none', width: rect.width, height: rect.height,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, matches, *, limit: int = 150, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element ``matches``; each stop must show its focus."""
    seen = []
    for _step in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = focused(page)
        if element is None:
            continue
        assert element["visible"], f"focus not visible on {element}"
        assert element["width"] > 0 and element["height"] > 0, f"focus on an invisible element: {element}"
        seen.append(element)
        if matches(element):
            return element
    raise AssertionError(f"not reached with the keyboard in {limit} steps; focus went to {seen[-10:]}")
