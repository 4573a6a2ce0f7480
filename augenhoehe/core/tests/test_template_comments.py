"""Django's ``{# … #}`` comment ends at the line's end: a second line is printed on the page as text.
A multi-line comment takes ``{% comment %}``."""

from pathlib import Path

import augenhoehe

PACKAGE = Path(augenhoehe.__file__).parent


def test_no_template_comment_runs_over_a_line():
    broken = []
    for template in PACKAGE.glob("*/templates/**/*.*"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            rest = line
            while "{#" in rest:
                rest = rest[rest.index("{#") + 2 :]
                if "#}" not in rest:
                    broken.append(f"{template.relative_to(PACKAGE)}:{number}")
                    break
                rest = rest[rest.index("#}") + 2 :]
    assert not broken, broken
