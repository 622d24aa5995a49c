"""The browser editor's configuration, generated from the models and the taxonomy files.

It is what Decap's `config.yml` would hold; the page passes it to `CMS.init` (see
generator.cms.page) so that no web server has to label a .yml file correctly.

Nothing in it is written by hand: collections come from the models (generator.cms.widgets),
the key order from the `guongsang new` templates (Decap writes keys in the order of its
fields), the selects from `content/taxonomies/` and the place data, and the GitHub settings
from `mkdocs.yml` `extra.cms` (generator.cms.settings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from generator.cms.settings import CmsSettings
from generator.cms.widgets import Choices, FormBuilder, Option, Widget
from generator.fields import PartialDate
from generator.models import Book, Collective, Person, StoryMeta, TaxonomyEntry
from generator.places import current_provinces
from generator.scaffold import render_template
from generator.vietnamese import sort_key

MEDIA_FOLDER = "content/images"
# Image values are written relative to `content/` (`images/x.jpg`), as `check` expects; a
# story body links relative to the story file (`../images/x.jpg`), as GitHub renders it.
PUBLIC_FOLDER = "images"
BODY_PUBLIC_FOLDER = "../images"
# generator.cms.local_backend answers here while `guongsang serve` runs.
LOCAL_API_PATH = "api/v1"  # relative to the editor page

BODY_LABEL = "Nội dung bài viết"  # not a key: the Markdown after the front matter
_TEMPLATE_KEY = re.compile(r"^(?:# )?([a-z_]+):", re.MULTILINE)


def template_order(kind: str, model: type[BaseModel]) -> list[str]:
    """The model's keys in the order `guongsang new` writes them, commented ones included."""
    text = render_template(kind, "x", PartialDate(2000, 1, 1))
    seen: list[str] = []
    for key in _TEMPLATE_KEY.findall(text):
        if key in model.model_fields and key not in seen:
            seen.append(key)
    return seen


def taxonomy_options(entries: Sequence[TaxonomyEntry]) -> list[Option]:
    return [
        {"label": f"{e.name} ({e.id})", "value": e.id}
        for e in sorted(entries, key=lambda e: sort_key(e.name))
    ]


def province_options() -> tuple[list[Option], list[Option]]:
    """(current and former provinces, current only); values are names as sources write them."""
    current = current_provinces()
    names = {p.name for p in current}
    options = [{"label": f"{p.name} (hiện nay)", "value": p.name} for p in current]
    options += [
        {"label": f"{old} (trước 1/7/2025, nay thuộc {p.name})", "value": old}
        for p in current
        for old in p.former
        if old not in names
    ]
    options.sort(key=lambda o: sort_key(o["value"]))
    return options, [{"label": p.name, "value": p.name} for p in current]


def default_choices(fields: Sequence[TaxonomyEntry], movements: Sequence[TaxonomyEntry]) -> Choices:
    provinces, current = province_options()
    return Choices(
        fields=taxonomy_options(fields),
        movements=taxonomy_options(movements),
        provinces=provinces,
        current_provinces=current,
    )


def _collection(
    name: str,
    label: str,
    singular: str,
    model: type[BaseModel],
    form: FormBuilder,
    *,
    order: Sequence[str] = (),
    identifier: str = "name",
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": f"content/{name}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "delete": False,
        "identifier_field": identifier,
        "slug": f"{{{{{identifier}}}}}",
        "summary": f"{{{{{identifier}}}}}",
        "sortable_fields": [identifier],
        "fields": form.fields(model, order=order),
    }


def _story_collection(form: FormBuilder) -> dict[str, Any]:
    collection = _collection(
        "stories",
        "Bài viết",
        "bài viết",
        StoryMeta,
        form,
        order=template_order("story", StoryMeta),
        identifier="title",
    )
    body: Widget = {
        "label": BODY_LABEL,
        "name": "body",
        "widget": "markdown",
        "hint": "Viết bằng Markdown, không dùng mã HTML. Ảnh chèn vào bài lưu ở content/images.",
        "media_folder": f"/{MEDIA_FOLDER}",
        "public_folder": BODY_PUBLIC_FOLDER,
        "editor_components": ["image"],
        "modes": ["rich_text", "raw"],
        "required": False,
    }
    collection.update(
        extension="md",
        format="yaml-frontmatter",
        summary="{{title}} ({{date}})",
        sortable_fields=["date", "title"],
        fields=[*collection["fields"], body],
    )
    return collection


def collections(choices: Choices, *, books: bool = True) -> list[dict[str, Any]]:
    form = FormBuilder(choices)
    found = [
        _collection(
            "people", "Cá nhân", "cá nhân", Person, form, order=template_order("person", Person)
        ),
        _collection(
            "collectives",
            "Tập thể",
            "tập thể",
            Collective,
            form,
            order=template_order("collective", Collective),
        ),
        _story_collection(form),
    ]
    if books:
        book = _collection("books", "Sách", "sách", Book, form, identifier="title")
        found.append(book)
    return found


def backend(settings: CmsSettings) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "cms_label_prefix": "cms/",
        "squash_merges": True,
        "commit_messages": {
            "create": "Thêm {{collection}} “{{slug}}”",
            "update": "Sửa {{collection}} “{{slug}}”",
            "delete": "Xóa {{collection}} “{{slug}}”",
            "uploadMedia": "Tải ảnh “{{path}}”",
            "deleteMedia": "Xóa ảnh “{{path}}”",
            "openAuthoring": "{{message}}",
        },
    }
    for key in ("base_url", "auth_endpoint", "site_domain", "api_root"):
        value = getattr(settings, key)
        if value:
            found[key] = value
    return found


def cms_config(
    choices: Choices,
    settings: CmsSettings,
    *,
    site_url: str = "",
) -> dict[str, Any]:
    """The whole configuration. The local backend is added by the page (admin.js) when the
    preview serves it, at the page's own address."""
    config: dict[str, Any] = {
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "logo": {"src": "../assets/images/favicon.svg", "show_in_header": True},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "search": True,
        "collections": collections(choices, books=settings.books),
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config
