"""The browser editor's generated configuration, its page and its settings."""

from __future__ import annotations

import json
import re
import subprocess
from collections import UserDict
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.cms.config import (
    MEDIA_FOLDER,
    collections,
    default_choices,
    province_options,
    template_order,
)
from generator.cms.page import (
    ADMIN_DIR,
    DecapMissing,
    content_security_policy,
    find_decap,
    write_admin,
)
from generator.cms.settings import CmsSettings, CmsSettingsError, read_settings
from generator.cms.widgets import (
    SUBJECTS_WIDGET,
    Choices,
    FormBuilder,
    UnmappedField,
)
from generator.images import SUFFIX_FORMATS
from generator.labels import key_label
from generator.load import load_content
from generator.models import Book, Collective, Person, StoryMeta
from generator.pipeline import run
from generator.places import current_provinces
from tests.conftest import MINI
from tests.site_support import REPO

MODELS = {"people": Person, "collectives": Collective, "stories": StoryMeta, "books": Book}


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    content, _report = load_content(MINI)
    return {c["name"]: c for c in collections(default_choices(content.fields, content.movements))}


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def _walk(model: type[BaseModel], fields: list[dict[str, Any]], where: str) -> list[str]:
    """Every model key missing from the form, recursively."""
    missing: list[str] = []
    by_name = _by_name(fields)
    for key, info in model.model_fields.items():
        if key not in by_name:
            missing.append(f"{where}.{key}")
            continue
        widget = by_name[key]
        nested = widget.get("fields")
        if nested is not None:
            inner = next(
                t
                for t in _types(info.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            )
            missing += _walk(inner, nested, f"{where}.{key}")
    return missing


def _types(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [t for a in args for t in _types(a)] + [annotation]


@pytest.mark.parametrize("collection", MODELS)
def test_every_model_key_has_a_widget(config: dict[str, Any], collection: str):
    """Each key of the model, nested blocks included, is a field of the form."""
    assert _walk(MODELS[collection], config[collection]["fields"], collection) == []


def test_a_field_of_unknown_type_fails_generation():
    """A model field whose type no widget stands for stops the config from being made."""

    class Odd(BaseModel):
        name: complex

    with pytest.raises(UnmappedField, match=r"Odd\.name"):
        FormBuilder(Choices([], [], [], [])).fields(Odd)


def test_required_matches_the_model(config: dict[str, Any]):
    """Decap's `required` is the model's, at the top level of every collection."""
    for name, model in MODELS.items():
        fields = _by_name(config[name]["fields"])
        for key, info in model.model_fields.items():
            assert fields[key]["required"] is info.is_required(), (name, key)


def test_labels_are_vietnamese_and_hints_are_the_schema_descriptions(config: dict[str, Any]):
    """Labels come from the shared table; hints are the descriptions the JSON Schema shows."""
    fields = _by_name(config["people"]["fields"])
    assert fields["name"]["label"] == key_label("Person", "name")
    assert fields["position"]["label"] == "Chức vụ"
    assert fields["summary"]["hint"] == Person.model_fields["summary"].description
    assert fields["place"]["label"] == "Địa phương"
    assert _by_name(config["stories"]["fields"])["date"]["label"] == "Ngày đăng"


def test_keys_follow_the_new_file_templates(config: dict[str, Any]):
    """Decap writes keys in field order: that order is the `guongsang new` template's."""
    for collection, kind in (("people", "person"), ("collectives", "collective")):
        names = [f["name"] for f in config[collection]["fields"]]
        assert names == template_order(kind, MODELS[collection])
        assert set(names) == set(MODELS[collection].model_fields)
    story = [f["name"] for f in config["stories"]["fields"]]
    assert story == [*template_order("story", StoryMeta), "body"]
    assert story[:4] == ["title", "subjects", "date", "lead"]


def test_province_is_a_select_of_current_and_former_provinces(config: dict[str, Any]):
    """The 34 current provinces and every former one a source may name."""
    place = _by_name(config["people"]["fields"])["place"]
    province = _by_name(place["fields"])["province"]
    values = {o["value"] for o in province["options"]}
    assert province["widget"] == "select"
    assert {p.name for p in current_provinces()} <= values
    assert {"Bình Thuận", "Hà Giang", "Bắc Kạn"} <= values
    options, current = province_options()
    assert len(current) == 34 and len(options) == len(values) >= 63
    binh_thuan = next(o for o in province["options"] if o["value"] == "Bình Thuận")
    assert binh_thuan["label"] == "Bình Thuận (trước 1/7/2025, nay thuộc Lâm Đồng)"


def test_fields_and_movements_are_selects_of_taxonomy_ids(config: dict[str, Any]):
    """Options are the taxonomy ids, labelled with their names; at least one field."""
    fields = _by_name(config["people"]["fields"])
    options = {o["value"]: o["label"] for o in fields["fields"]["options"]}
    assert options["giao-duc"] == "Giáo dục (giao-duc)"
    assert fields["fields"]["multiple"] is True and fields["fields"]["min"] == 1
    assert fields["movements"]["widget"] == "select" and fields["movements"]["multiple"]


def test_relations_point_at_collections(config: dict[str, Any]):
    """member_of picks collectives; a story's subjects search people and collectives."""
    member_of = _by_name(config["people"]["fields"])["member_of"]
    assert (member_of["widget"], member_of["collection"]) == ("relation", "collectives")
    assert member_of["value_field"] == "{{slug}}"
    subjects = _by_name(config["stories"]["fields"])["subjects"]
    assert subjects["widget"] == SUBJECTS_WIDGET
    assert subjects["collections"] == ["people", "collectives"]
    assert subjects["min"] == 1 and subjects["required"] is True


def test_optional_blocks_do_not_require_their_children(config: dict[str, Any]):
    """decap-cms#7748: required children of optional blocks would block every save."""
    fields = _by_name(config["people"]["fields"])
    photo = _by_name(fields["photo"]["fields"])
    assert photo["file"]["required"] is False
    assert "bắt buộc khi dùng mục này" in photo["file"]["hint"]
    place = _by_name(fields["place"]["fields"])
    assert place["province"]["required"] is True
    award = _by_name(fields["awards"]["fields"])
    assert award["title"]["required"] is True  # an added award is a real one


def test_photos_go_into_content_images_relative_to_content(config: dict[str, Any]):
    """Image values are `images/x.jpg`; a story body links `../images/x.jpg`."""
    photo = _by_name(_by_name(config["people"]["fields"])["photo"]["fields"])["file"]
    assert photo["widget"] == "image" and photo["choose_url"] is False
    body = _by_name(config["stories"]["fields"])["body"]
    assert (body["media_folder"], body["public_folder"]) == (f"/{MEDIA_FOLDER}", "../images")


def test_scalars_carry_the_check_rules(config: dict[str, Any]):
    """Years are bounded integers, URLs need http(s), lengths follow the model."""
    fields = _by_name(config["people"]["fields"])
    assert fields["birth_year"] | {"hint": ""} == {
        "label": "Năm sinh",
        "name": "birth_year",
        "widget": "number",
        "value_type": "int",
        "min": 1890,
        "max": 2100,
        "hint": "",
        "required": False,
    }
    url = _by_name(fields["sources"]["fields"])["url"]
    assert re.match(url["pattern"][0], "https://baocaobang.vn/a")
    assert not re.match(url["pattern"][0], "javascript:alert(1)")
    assert re.match(fields["summary"]["pattern"][0], "x" * 400)
    assert not re.match(fields["summary"]["pattern"][0], "x" * 401)


def test_every_key_has_a_label(config: dict[str, Any]):
    """Every field of every form has a Vietnamese label from generator/labels.py."""

    def unlabelled(fields: list[dict[str, Any]]) -> list[str]:
        found = [f["name"] for f in fields if f["label"] == f["name"]]
        for f in fields:
            found += unlabelled(f.get("fields", []))
        return found

    assert {name: unlabelled(c["fields"]) for name, c in config.items()} == {
        name: [] for name in config
    }


def test_slugs_fold_vietnamese(config: dict[str, Any]):
    """Decap's slug options: ASCII with accents removed (its `diacritics` maps đ→d)."""
    assert config["people"]["slug"] == "{{name}}"
    assert config["stories"]["identifier_field"] == "title"


def test_settings_come_from_mkdocs_extra():
    """`extra.cms` is read strictly: unknown keys and malformed repos are errors."""
    settings = read_settings({"cms": {"repo": "ban-tuyen-giao/guong-sang", "branch": "main"}})
    assert settings.enabled and settings.repo == "ban-tuyen-giao/guong-sang"
    assert not read_settings({}).enabled
    assert read_settings(UserDict({"cms": UserDict({"repo": "a/b"})})).repo == "a/b"
    with pytest.raises(CmsSettingsError, match=r"extra\.cms\.repos"):
        read_settings({"cms": {"repos": "a/b"}})
    with pytest.raises(CmsSettingsError, match="chu-so-huu/ten-kho"):
        read_settings({"cms": {"repo": "https://github.com/a/b"}})
    with pytest.raises(CmsSettingsError, match="https://"):
        read_settings({"cms": {"repo": "a/b", "base_url": "http://oauth.example"}})


def test_github_backend_with_editorial_workflow(tmp_path: Path):
    """Saving opens a pull request: GitHub backend, editorial workflow, OAuth settings."""
    settings = CmsSettings(
        repo="ban-tuyen-giao/guong-sang",
        branch="main",
        base_url="https://oauth.guongsang.example",
        auth_endpoint="auth",
    )
    written = _write(tmp_path, settings)
    config = written["config"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] | {"commit_messages": None} == {
        "name": "github",
        "repo": "ban-tuyen-giao/guong-sang",
        "branch": "main",
        "cms_label_prefix": "cms/",
        "squash_merges": True,
        "base_url": "https://oauth.guongsang.example",
        "auth_endpoint": "auth",
        "commit_messages": None,
    }
    assert config["locale"] == "vi"
    assert "local_backend" not in config
    assert written["enabled"] is True and written["local"] is False


def _write(tmp_path: Path, settings: CmsSettings, *, local: bool = False) -> dict[str, Any]:
    outcome = run(MINI)
    assert outcome.index is not None
    write_admin(
        tmp_path,
        repo_root=REPO,
        theme_dir=REPO / "theme",
        fields=list(outcome.index.fields.values()),
        movements=list(outcome.index.movements.values()),
        settings=settings,
        site_url="https://guongsang.test/",
        local=local,
    )
    script = (tmp_path / ADMIN_DIR / "settings.js").read_text(encoding="utf-8")
    payload = script.split("window.GUONGSANG_CMS = ", 1)[1].rstrip().removesuffix(";")
    data: dict[str, Any] = json.loads(payload)
    return data


def test_page_ships_decap_from_the_site_with_its_licence(tmp_path: Path):
    """The bundle, its chunks and licences are copied; source maps and cms.js are not."""
    _write(tmp_path, CmsSettings())
    admin = tmp_path / ADMIN_DIR
    names = {p.name for p in admin.iterdir()}
    assert {"index.html", "decap-cms.js", "admin.js", "settings.js"} <= names
    assert {"decap-cms.js.LICENSE.txt", "LICENSE-decap-cms.txt"} <= names
    assert not [n for n in names if n.endswith(".map") or n.startswith("cms.")]
    html = (admin / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["settings.js", "decap-cms.js", "admin.js"]
    assert "<script>" not in html and "https://unpkg" not in html
    csp = r'http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;'
    assert re.search(csp, html)
    size = sum(p.stat().st_size for p in admin.iterdir())
    assert size < 8_000_000


def test_page_says_how_to_switch_it_on_when_no_repository_is_set(tmp_path: Path):
    """Without `extra.cms.repo` the page explains itself instead of a broken login."""
    data = _write(tmp_path, CmsSettings())
    assert data["enabled"] is False
    html = (tmp_path / ADMIN_DIR / "index.html").read_text(encoding="utf-8")
    assert "Trình soạn thảo chưa được bật" in html and "extra.cms.repo" in html


def test_image_rules_are_those_of_check(tmp_path: Path):
    """The page refuses the suffixes `check` refuses and warns at the same sizes."""
    data = _write(tmp_path, CmsSettings(), local=True)
    assert data["image"]["suffixes"] == sorted(SUFFIX_FORMATS)
    assert data["local"] is True and data["localApiPath"] == "api/v1"


def test_field_order_shapes_nested_keys(tmp_path: Path):
    """admin.js gets the nested key order of every block to write keys as the templates."""
    shape = _write(tmp_path, CmsSettings())["fieldOrder"]["people"]
    keys = dict(shape["keys"])
    assert [k for k, _ in keys["place"]["keys"]] == ["province", "district", "commune", "detail"]
    assert [k for k, _ in keys["awards"]["item"]["keys"]][:4] == [
        "title",
        "level",
        "issuer",
        "year",
    ]


def test_csp_allows_only_the_site_and_github():
    """Scripts only from the site; data only from the site and GitHub's API."""
    policy = content_security_policy(CmsSettings(repo="a/b"))
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"].split() == ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]
    assert directives["connect-src"].split() == [
        "'self'",
        "blob:",
        "data:",
        "https://api.github.com",
    ]
    enterprise = content_security_policy(
        CmsSettings(repo="a/b", api_root="https://git.example/api/v3")
    )
    assert "https://git.example" in enterprise and "api.github.com" not in enterprise


def test_missing_decap_package_is_a_clear_error(tmp_path: Path):
    """Without `npm ci` the build says what to run."""
    with pytest.raises(DecapMissing, match="npm ci"):
        find_decap(tmp_path, fallbacks=())


def test_decap_version_must_be_the_pinned_one(tmp_path: Path):
    """An installed Decap that is not the version package.json pins is refused."""
    package = tmp_path / "node_modules" / "decap-cms"
    (package / "dist").mkdir(parents=True)
    (package / "package.json").write_text('{"version": "3.0.0"}')
    (tmp_path / "package.json").write_text('{"devDependencies": {"decap-cms": "3.16.3"}}')
    with pytest.raises(DecapMissing, match=r"3\.16\.3"):
        find_decap(tmp_path, fallbacks=())
    assert (
        find_decap(REPO).version
        == json.loads((REPO / "package.json").read_text())["devDependencies"]["decap-cms"]
    )


def test_admin_script_type_checks():
    """theme/quan-tri/admin.js is `// @ts-check`: TypeScript finds no error in it, strictly."""
    tsc = REPO / "node_modules" / ".bin" / "tsc"
    script = REPO / "theme" / "quan-tri" / "admin.js"
    options = ["--noEmit", "--allowJs", "--checkJs", "--strict", "--skipLibCheck"]
    target = ["--target", "es2020", "--lib", "es2020,dom", "--types", "node"]
    result = subprocess.run(
        [str(tsc), *options, *target, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout
