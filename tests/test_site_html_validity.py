"""The W3C Nu HTML Checker over one built page of every kind: no error at all.

(Material's base.html drew one error per page, `autocomplete` on its checkbox toggles; the
site's own theme/base.html has no toggles.)
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


def test_pages_have_no_html_errors(built_site: BuiltSite):
    """vnu reports no error on any page kind."""
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
    shown = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}: {m['message']} [{m.get('extract', '')}]"
        for m in errors
    ]
    assert shown == []
    assert run.returncode == 0, run.stderr
