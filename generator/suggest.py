"""What an editor meant by an unknown reference: a misspelt id, or a name written for an id.

Editors copy what the source says: "Công tác thanh niên" for the field `thanh-nien`, the
person's full name for `subjects`. When the text is the name of a known entry, the fix is
its id; otherwise the closest ids by spelling.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.diagnostics import Report
from generator.vietnamese import slugify


def _by_name(value: str, names: Mapping[str, str]) -> str | None:
    wanted = slugify(value)
    if not wanted:
        return None
    for entry_id, name in names.items():
        if slugify(name) == wanted or entry_id == wanted:
            return entry_id
    return None


def reference_hint(value: str, names: Mapping[str, str] | Iterable[str]) -> str:
    """`; … có phải ý bạn là `x`?` for an unknown id; `names` maps ids to display names."""
    table = names if isinstance(names, Mapping) else {entry: "" for entry in names}
    meant = _by_name(value, table)
    if meant is not None and meant != value:
        shown = f" ({table[meant]})" if table[meant] else ""
        return f"; ở đây cần ghi mã, không ghi tên: có phải ý bạn là `{meant}`{shown}?"
    close = difflib.get_close_matches(value, list(table), n=3, cutoff=0.6)
    if not close:
        by_slug = {slugify(name): entry for entry, name in table.items() if name}
        close = [by_slug[s] for s in difflib.get_close_matches(slugify(value), by_slug, n=3)]
    return f"; có phải ý bạn là {', '.join(f'`{c}`' for c in close)}?" if close else ""


# Where the ids of each kind of reference are defined, relative to `content/`.
_REFERENCE_FILES: dict[str, tuple[str, ...]] = {
    "fields": ("taxonomies/fields.yml",),
    "movements": ("taxonomies/movements.yml",),
    "member_of": ("collectives/",),
    "subjects": ("people/", "collectives/"),
    "stories": ("stories/",),
}


def _taxonomy_names(path: Path) -> dict[str, str]:
    from generator.load import MAX_YAML_BYTES, read_text
    from generator.strict_yaml import parse_yaml

    text = read_text(path, MAX_YAML_BYTES, Report()) if path.is_file() else None
    data = parse_yaml(text, positions=False).data if text else None
    names: dict[str, str] = {}
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            names[entry["id"]] = str(entry.get("name") or "")
    return names


def _closest_file(folder: Path, slug: str, suffix: str) -> str | None:
    if not slug or not folder.is_dir():
        return None
    stems = [path.stem for path in folder.iterdir() if path.suffix == suffix]
    close = difflib.get_close_matches(slug, stems, n=1, cutoff=0.75)
    return close[0] if close else None


def name_instead_of_id(root: Path, key: str, value: str) -> tuple[str, str] | None:
    """(id, name) of the entry named `value`, for a reference key (`fields`, `subjects`…).

    Asked only while reporting an error, so it may read the one file that defines the ids.
    """
    slug = slugify(value)
    for source in _REFERENCE_FILES.get(key, ()):
        if source.endswith("/"):
            suffix = ".md" if source == "stories/" else ".yml"
            if slug and (root / source / f"{slug}{suffix}").is_file():
                return slug, ""
            close = _closest_file(root / source, slug, suffix)
            if close is not None:
                return close, ""
            continue
        names = _taxonomy_names(root / source)
        meant = _by_name(value, names)
        if meant is not None:
            return meant, names[meant]
    return None
