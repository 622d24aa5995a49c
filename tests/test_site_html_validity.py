"""The W3C Nu HTML Checker over one built page of every kind: no error the project controls.

Material for MkDocs' own markup still draws the errors listed in MATERIAL_ERRORS; each is
matched by its message and by the markup it points at, so the same message on the
project's own markup still fails.
"""

from __future__ import annotations

import json
import subprocess

from tests.site_support import REPO, BuiltSite

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = (
    "",
    "ca-nhan/le-nhung-thu/",
    "tap-the/hoi-lhpn-tinh-cao-bang/",
    "bai-viet/bai-thu-nghiem/",
    "bai-viet/",
    "dia-phuong/lam-dong/",
    "dia-phuong/",
    "a-z/n/",
    "thong-ke/",
    "tim-kiem/",
    "gioi-thieu/",
    "du-lieu/",
    "404.html",
)
# (message start, what the flagged markup contains): Material's base.html.
MATERIAL_ERRORS = (
    # The drawer and search toggles: <input class="md-toggle" type="checkbox" autocomplete="off">
    # (pages are minified, so the attribute may have lost its quotes)
    ("Attribute “autocomplete” is only allowed when the input type is", "md-toggle"),
)


def _is_material(message: dict[str, str]) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(text.startswith(start) and markup in extract for start, markup in MATERIAL_ERRORS)


def test_pages_have_no_html_errors_but_materials(built_site: BuiltSite):
    """vnu reports no error outside the listed Material ones."""
    assert VNU.is_file(), "vnu-jar is missing; run .ci/setup"
    files = [str(built_site.file(url)) for url in PAGES]
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"}]
    ours = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}: {m['message']} [{m.get('extract', '')}]"
        for m in errors
        if not _is_material(m)
    ]
    assert ours == []
    assert len(errors) >= len(PAGES), "Material's known errors vanished: update MATERIAL_ERRORS"
