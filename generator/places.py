"""Places as sources name them, resolved to Vietnam's current (post-2025) provinces and wards.

Editors write `{province, district?, commune?}` the way a source names it, which is often
before the 2025 reform (63 provinces became 34 and the district level was abolished on
1 July 2025). This module resolves such a place to the current province and, where the
data allows, the current ward, keeping the original wording for display.

The data comes from the MIT-licensed `vietnamadminunits` package, but only its JSON files
are read; its code is never imported. Its converter parses one free-text address with
regular expressions, and when it takes part of the address for a street (it does so for
some communes' own names) and the old commune was split, it geocodes that street over the
network through geopy; importing it also loads geopy and shapely (~0.4 s). The fields here
are already separate, so each is matched against its own level of the data: exact, offline,
and under 0.1 ms a place. The results agree with the package's converter for every one of
the 10,035 pre-reform communes named in full.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.vietnamese import fold, nfc, slugify, sort_key, standard_tone_style

__all__ = [
    "PlaceResolver",
    "Province",
    "ResolvedPlace",
    "UnknownPlace",
    "current_provinces",
    "pre_reform_communes",
    "province_by_slug",
]


@dataclass(frozen=True, slots=True)
class Province:
    """One of the 34 current provinces and centrally-run cities."""

    code: str
    name: str
    full_name: str
    slug: str
    latitude: float
    longitude: float
    former: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place as the source named it, and where it lies today."""

    as_named: str
    old_province: str | None
    province: Province
    ward: str | None
    changed: bool
    # What could not be matched (e.g. "huyện Xyz"), so the caller can warn; the place
    # still resolves to the level above it.
    unresolved: str | None = None
    # Closest known names for `unresolved`, for a "có phải ý bạn là …?" hint.
    suggestions: tuple[str, ...] = ()
    # The parenthetical that `display` appends, e.g. "nay thuộc tỉnh Lâm Đồng".
    note: str | None = None

    def display(self) -> str:
        """`xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc xã Liên Hương, tỉnh …)`."""
        if self.note is None:
            return self.as_named
        return f"{self.as_named} ({self.note})"


_LEVEL_WORDS = {"province": "tỉnh/thành phố", "district": "quận/huyện", "commune": "xã/phường"}


class UnknownPlace(Exception):
    """A name that matches nothing at its level."""

    def __init__(self, level: str, given: str, suggestions: Iterable[str] = ()) -> None:
        self.level = level
        self.given = given
        self.suggestions = tuple(suggestions)[:3]
        message = f"Không tìm thấy {_LEVEL_WORDS.get(level, level)} “{given}”"
        if self.suggestions:
            message += "; có phải ý bạn là " + " hoặc ".join(self.suggestions) + "?"
        super().__init__(message)


# --- Name parsing -------------------------------------------------------------------------


class _Kind:
    """The unit types one level of place names may start with, and how to find them."""

    def __init__(self, types: dict[str, str]) -> None:
        # Keys are folded (lowercase, no diacritics); values are the form used mid-sentence.
        self.names = {k.replace(" ", ""): v for k, v in types.items()}
        alternatives = sorted(types, key=len, reverse=True)
        body = "|".join(re.escape(t).replace(r"\ ", r"\s*") for t in alternatives)
        # A one-letter abbreviation needs a dot, a space or a digit after it: no place
        # name begins with a lone letter, but many begin with "Xa" or "Thanh".
        self.pattern = re.compile(rf"\s*({body})(?:[.\s]+|(?=\d))")


_PROVINCE = _Kind({"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"})
_DISTRICT = _Kind(
    {
        "huyen": "huyện",
        "quan": "quận",
        "thi xa": "thị xã",
        "thanh pho": "thành phố",
        "tp": "thành phố",
        "tx": "thị xã",
        "h": "huyện",
        "q": "quận",
    }
)
_COMMUNE = _Kind(
    {
        "xa": "xã",
        "phuong": "phường",
        "thi tran": "thị trấn",
        "dac khu": "đặc khu",
        "tt": "thị trấn",
        "x": "xã",
        "p": "phường",
    }
)
_ALL_TYPES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")


def _compact(words: Iterable[str]) -> str:
    # Leading zeros go so that "Phường 01" meets "Phường 1".
    return "".join(w.lstrip("0") or "0" if w.isdigit() else w for w in words)


def _accented_key(text: str) -> str:
    """Lowercase, tone marks in one style, letters and digits only: `hòa`, `thủy`."""
    return _compact(_WORD.findall(standard_tone_style(nfc(text)).casefold()))


@cache
def _fold_table() -> dict[int, str]:
    # fold() one character at a time, once, so the ~100,000 names folded while indexing
    # go through str.translate instead of a normalisation per name.
    return {cp: fold(chr(cp)) for cp in range(0x41, 0x2000)}


def _fast_fold(text: str) -> str:
    folded = text.translate(_fold_table())
    return folded if folded.isascii() else fold(folded)


def _folded_key(text: str) -> str:
    if text.isascii() and text.isalpha():
        return text.lower()
    return _compact(_WORD.findall(_fast_fold(nfc(text))))


@dataclass(frozen=True, slots=True)
class _Query:
    """One field of a place: what was written, and the keys it is looked up by."""

    label: str  # as written, tidied, with its unit type in lowercase: "huyện Tuy Phong"
    type: str | None  # unit type it was written with, folded: "huyen"
    typed: str | None  # folded key with the canonical type: "huyentuyphong"
    typed_accented: str | None
    bare: str  # folded key without the type: "tuyphong"
    bare_accented: str

    @classmethod
    def parse(cls, text: str, kind: _Kind) -> _Query:
        tidy = _SPACES.sub(" ", _DASHES.sub(" - ", nfc(text))).strip(" ,;")
        untyped = cls(tidy, None, None, None, _folded_key(tidy), _accented_key(tidy))
        folded = fold(tidy)
        match = kind.pattern.match(folded)
        # fold() keeps one character per NFC character for Vietnamese text, so a prefix
        # found in the folded text can be cut from the original at the same offset.
        if match is None or len(folded) != len(tidy) or match.end() == len(tidy):
            return untyped
        type_label = kind.names[_SPACES.sub("", match.group(1))]
        written = tidy[match.start(1) : match.end(1)]
        if not written.isascii() and _accented_key(written) != _accented_key(type_label):
            # "Xá Lượng" is a name, not "xã Lượng": with diacritics, the type must match.
            return untyped
        rest = tidy[match.end() :].strip()
        type_key = _folded_key(type_label)
        return cls(
            label=f"{type_label} {rest}",
            type=type_key,
            typed=type_key + _folded_key(rest),
            typed_accented=_accented_key(type_label) + _accented_key(rest),
            bare=_folded_key(rest),
            bare_accented=_accented_key(rest),
        )


def _lower_type(full_name: str) -> tuple[str, str]:
    """`Thành Phố Bắc Kạn` → (`thành phố Bắc Kạn`, `thành phố`): the type as used mid-sentence."""
    lowered = full_name.casefold()
    for unit_type in _ALL_TYPES:
        if lowered.startswith(unit_type + " "):
            return unit_type + full_name[len(unit_type) :], unit_type
    return full_name, ""


# --- Indexed data ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    key: str
    display: str  # "xã Phú Lạc"
    short: str  # "Phú Lạc"
    type: str  # folded: "xa"
    parent: str  # old district key for old wards, "" otherwise
    own: frozenset[str]  # folded keys of its own name, with and without the type
    own_accented: frozenset[str]


def _make_unit(key: str, full_name: str, parent: str = "") -> _Unit:
    display, unit_type = _lower_type(full_name)
    short = display[len(unit_type) :].strip()
    if short.endswith(")"):
        # The package tells same-named units apart in short names: "Kỳ Anh (Huyện)".
        short = short[: short.rindex("(")].rstrip()
    display = f"{unit_type} {short}".strip()
    short_key = _accented_key(short)
    own_accented = frozenset({_accented_key(unit_type) + short_key, short_key})
    return _Unit(
        key=key,
        display=display,
        short=short,
        type=_folded_key(unit_type),
        parent=parent,
        own=frozenset(_fast_fold(k) for k in own_accented),
        own_accented=own_accented,
    )


class _Lookup:
    """Units of one level within one scope, found by folded name or by the package's aliases."""

    def __init__(self) -> None:
        self.units: dict[str, _Unit] = {}
        self._by_key: dict[str, set[str]] = {}

    def add(self, unit: _Unit, aliases: Iterable[str] = ()) -> None:
        self.units[unit.key] = unit
        for own in unit.own:
            self._by_key.setdefault(own, set()).add(unit.key)
        for alias in aliases:
            self.alias(alias, (unit.key,))

    def alias(self, alias: str, keys: Iterable[str]) -> None:
        self._by_key.setdefault(_folded_key(alias), set()).update(keys)

    def find(
        self, query: _Query, within: Collection[str] | None = None
    ) -> tuple[list[_Unit], bool]:
        """Units the query names, and whether it used their own name (not an alias)."""
        variants = ((query.typed, query.typed_accented), (query.bare, query.bare_accented))
        for key, accented in variants:
            if not key:
                continue
            units = [
                self.units[k]
                for k in sorted(self._by_key.get(key, ()))
                if within is None or self.units[k].parent in within
            ]
            if not units:
                continue
            if key == query.bare and query.type:
                # A wrong type ("xã" for a thị trấn) still finds the unit, but a right one wins.
                units = [u for u in units if u.type == query.type] or units
            if len(units) > 1:
                # Names that fold alike ("Tân Thành", "Tân Thạnh") part on their diacritics.
                units = [u for u in units if accented in u.own_accented] or units
            return units, all(key in u.own for u in units)
        return [], False

    def suggest(self, query: _Query, within: Collection[str] | None = None) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for unit in self.units.values():
            if within is None or unit.parent in within:
                names.setdefault(_folded_key(unit.short), unit.display)
        close = difflib.get_close_matches(query.bare, names, n=3, cutoff=0.6)
        return tuple(names[c] for c in close)


@dataclass(frozen=True, slots=True)
class _OldProvince:
    key: str
    legacy_key: str  # key in the package's 63-province data
    short: str
    display: str  # "tỉnh Bình Thuận"
    new_key: str
    renamed: bool = False  # an earlier name of the same province, not a merged one


@dataclass(slots=True)
class _Index:
    provinces: dict[str, Province]  # by the package's key, e.g. "tinhlamdong"
    by_slug: dict[str, Province]
    merged: dict[str, int]  # new key -> how many old provinces it absorbed
    old_provinces: dict[str, _OldProvince]
    province_lookup: _Lookup
    province_names: dict[str, str]  # folded short name -> short name, for suggestions
    districts: dict[str, _Lookup]  # by legacy province key
    old_wards: dict[str, _Lookup]  # by legacy province key; unit key "district_ward"
    new_wards: dict[str, _Lookup]  # by new province key
    old_to_new: dict[str, tuple[str, str]]  # "province_district_ward" -> (province, ward)


# Provinces a source may still name although the package's data has moved on: Thừa Thiên
# Huế became the centrally-run city of Huế on 1 January 2025, and Hà Tây joined Hà Nội in
# 2008. Their districts and communes are looked up in the successor.
_HISTORICAL_PROVINCES = (
    ("thuathienhue", "Tỉnh Thừa Thiên Huế", "thanhphohue", True),
    ("hatay", "Tỉnh Hà Tây", "thanhphohanoi", False),
)


def _data_dir() -> Path:
    # find_spec locates the package without running its __init__, which imports geopy.
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'vietnamadminunits' package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_data_dir() / name).read_text(encoding="utf-8"))
    return data


def _is_name(value: Any) -> bool:
    # Island districts without communes carry NaN in place of a ward.
    return isinstance(value, str) and value not in {"", "NaN"}


@cache
def _index() -> _Index:
    legacy = _load("parser_legacy.json")
    current = _load("parser_from_2025.json")
    converter = _load("converter_2025.json")

    old_to_new_province = {
        old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds
    }
    old_short = {k: v["provinceShort"] for k, v in legacy["DICT_PROVINCE"].items()}

    provinces: dict[str, Province] = {}
    merged: dict[str, int] = {}
    for key, raw in current["DICT_PROVINCE"].items():
        olds = converter["DICT_PROVINCE"][key]
        provinces[key] = Province(
            code=raw["provinceCode"],
            name=raw["provinceShort"],
            full_name=_lower_type(raw["province"])[0],
            slug=slugify(raw["provinceShort"]),
            latitude=float(raw["provinceLat"]),
            longitude=float(raw["provinceLon"]),
            former=tuple(sorted((old_short[o] for o in olds), key=sort_key)),
        )
        merged[key] = len(olds)

    old_provinces: dict[str, _OldProvince] = {}
    province_lookup = _Lookup()
    for key, raw in legacy["DICT_PROVINCE"].items():
        unit = _make_unit(key, raw["province"])
        old_provinces[key] = _OldProvince(
            key, key, raw["provinceShort"], unit.display, old_to_new_province[key]
        )
        keywords = raw["provinceKeywords"]
        if unit.type == "thanhpho":
            # "TPHCM", "TPHN": the abbreviation glued to the name is common in the press.
            keywords = [*keywords, *("tp" + k for k in keywords)]
        province_lookup.add(unit, keywords)
    for key, full_name, legacy_key, renamed in _HISTORICAL_PROVINCES:
        unit = _make_unit(key, full_name)
        old_provinces[key] = _OldProvince(
            key, legacy_key, unit.short, unit.display, old_to_new_province[legacy_key], renamed
        )
        province_lookup.add(unit)
    province_names = {_folded_key(p.short): p.short for p in old_provinces.values()}

    districts: dict[str, _Lookup] = {}
    for province_key, raw_districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        lookup = districts[province_key] = _Lookup()
        for key, raw in raw_districts.items():
            lookup.add(_make_unit(key, raw["district"]), raw["districtKeywords"])
    # Districts split or merged shortly before the reform, and short names shared by a
    # huyện and a thị xã, stand for several districts; the commune decides between them.
    for province_key, divided in legacy["DICT_PROVINCE_DISTRICT_DIVIDED"].items():
        for raw in divided.values():
            for keyword in raw["dividedDistrictKeywords"]:
                districts[province_key].alias(keyword, raw["districts"])

    old_wards: dict[str, _Lookup] = {}
    for dict_name in (
        "DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED",
    ):
        for province_key, raw_districts in legacy[dict_name].items():
            lookup = old_wards.setdefault(province_key, _Lookup())
            for district_key, raw_wards in raw_districts.items():
                for key, raw in raw_wards.items():
                    if _is_name(key) and _is_name(raw["ward"]):
                        unit = _make_unit(f"{district_key}_{key}", raw["ward"], district_key)
                        # The accented dictionaries hold accented keywords; folding them
                        # would merge the very names they exist to keep apart.
                        aliases = raw["wardKeywords"] if "NO_ACCENTED" in dict_name else ()
                        lookup.add(unit, aliases)

    new_wards: dict[str, _Lookup] = {}
    for dict_name in (
        "DICT_PROVINCE_WARD_NO_ACCENTED",
        "DICT_PROVINCE_WARD_ACCENTED",
        "DICT_PROVINCE_WARD_SHORT_ACCENTED",
    ):
        for province_key, raw_wards in current[dict_name].items():
            lookup = new_wards.setdefault(province_key, _Lookup())
            for key, raw in raw_wards.items():
                if key not in lookup.units:
                    aliases = raw["wardKeywords"] if "NO_ACCENTED" in dict_name else ()
                    lookup.add(_make_unit(key, raw["ward"]), aliases)

    old_to_new: dict[str, tuple[str, str]] = {}
    for province_key, raw_wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, olds in raw_wards.items():
            for old in olds:
                old_to_new[old] = (province_key, new_key)
    # An old commune split between new ones goes to the one the package marks as default,
    # as its own converter does when it has no street to geocode.
    for province_key, raw_olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, choices in raw_olds.items():
            default = next((c for c in choices if c["isDefaultNewWard"]), choices[0])
            old_to_new[old] = (province_key, default["newWardKey"])

    return _Index(
        provinces=provinces,
        by_slug={p.slug: p for p in provinces.values()},
        merged=merged,
        old_provinces=old_provinces,
        province_lookup=province_lookup,
        province_names=province_names,
        districts=districts,
        old_wards=old_wards,
        new_wards=new_wards,
        old_to_new=old_to_new,
    )


# --- Public API --------------------------------------------------------------------------


def pre_reform_communes() -> list[tuple[str, str, str]]:
    """Every commune before the reform as (province, district, commune) display names."""
    index = _index()
    found = []
    for old in index.old_provinces.values():
        if old.key != old.legacy_key:
            continue  # historical aliases share their successor's communes
        districts = index.districts[old.key]
        for unit in index.old_wards[old.key].units.values():
            found.append((old.display, districts.units[unit.parent].display, unit.display))
    return sorted(found)


def current_provinces() -> tuple[Province, ...]:
    """The 34 current provinces and cities, in Vietnamese alphabetical order."""
    return _sorted_provinces()


@cache
def _sorted_provinces() -> tuple[Province, ...]:
    return tuple(sorted(_index().provinces.values(), key=lambda p: sort_key(p.name)))


def province_by_slug(slug: str) -> Province:
    """The current province whose slug is `slug`; UnknownPlace if there is none."""
    index = _index()
    try:
        return index.by_slug[slug]
    except KeyError:
        close = difflib.get_close_matches(slug, index.by_slug, n=3, cutoff=0.6)
        raise UnknownPlace("province", slug, close) from None


@dataclass(frozen=True, slots=True)
class _Failure:
    level: str
    given: str
    suggestions: tuple[str, ...]


@dataclass(slots=True)
class _Draft:
    """A place while its fields are being matched, one level after another."""

    old: _OldProvince
    new_key: str
    district_label: str | None = None
    district_keys: set[str] | None = None  # None: anywhere in the province
    commune_label: str | None = None
    ward: _Unit | None = None
    via_old_data: bool = False  # matched against the 63-province data below province level
    unresolved: list[str] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()

    def give_up(self, label: str, suggestions: tuple[str, ...], *, commune: bool) -> None:
        # Communes come first, as in the address; the suggestions are for the commune then.
        self.unresolved.insert(0 if commune else len(self.unresolved), label)
        if commune or not self.suggestions:
            self.suggestions = suggestions


class PlaceResolver:
    """Resolves places, remembering each distinct one: a site names the same few often."""

    def __init__(self) -> None:
        self._index = _index()
        self._cache: dict[tuple[str, str | None, str | None], ResolvedPlace | _Failure] = {}

    def resolve(
        self, province: str, district: str | None = None, commune: str | None = None
    ) -> ResolvedPlace:
        """Resolve a place; UnknownPlace if the province matches nothing."""
        key = (province, district, commune)
        result = self._cache.get(key)
        if result is None:
            result = self._cache[key] = self._resolve(province, district, commune)
        if isinstance(result, _Failure):
            raise UnknownPlace(result.level, result.given, result.suggestions)
        return result

    def _resolve(
        self, province: str, district: str | None, commune: str | None
    ) -> ResolvedPlace | _Failure:
        index = self._index
        query = _Query.parse(province, _PROVINCE)
        found, _ = index.province_lookup.find(query)
        if len(found) != 1:
            close = difflib.get_close_matches(query.bare, index.province_names, n=3, cutoff=0.6)
            names = [index.old_provinces[u.key].short for u in found]
            names += [index.province_names[c] for c in close]
            return _Failure("province", query.label, tuple(dict.fromkeys(names)))
        old = index.old_provinces[found[0].key]
        draft = _Draft(old, old.new_key)
        district_query = (
            _Query.parse(district, _DISTRICT) if district and district.strip() else None
        )
        commune_query = _Query.parse(commune, _COMMUNE) if commune and commune.strip() else None
        if district_query is not None:
            self._match_district(draft, district_query)
        if commune_query is not None:
            self._match_commune(draft, commune_query, district_query)
        elif draft.district_keys:
            self._match_district_successor(draft)
        return self._finish(draft, province_only=district_query is None and commune_query is None)

    def _match_district(self, draft: _Draft, query: _Query) -> None:
        draft.via_old_data = True
        lookup = self._index.districts[draft.old.legacy_key]
        units, own = lookup.find(query)
        if units:
            draft.district_keys = {u.key for u in units}
            draft.district_label = units[0].display if len(units) == 1 and own else query.label
        else:
            draft.district_label = query.label
            draft.give_up(query.label, lookup.suggest(query), commune=False)

    def _match_commune(self, draft: _Draft, query: _Query, district: _Query | None) -> None:
        index = self._index
        old = draft.old
        if district is None and old.key == old.new_key:
            # A source written after the reform names a current ward and no district; try
            # that first where the named province still exists under that name.
            units, own = index.new_wards[old.new_key].find(query)
            if len(units) == 1:
                draft.ward = units[0]
                draft.commune_label = units[0].display if own else query.label
                return
            if units:
                draft.commune_label = query.label
                draft.give_up(query.label, tuple(u.display for u in units[:3]), commune=True)
                return
        draft.via_old_data = True
        districts = index.districts[old.legacy_key]
        wards = index.old_wards[old.legacy_key]
        units, own = wards.find(query, draft.district_keys)
        if len(units) == 1 and own:
            draft.commune_label = units[0].display
            parent = districts.units[units[0].parent]
            if district is not None and district.bare in parent.own:
                # The commune tells which of two same-named districts was meant.
                draft.district_label = parent.display
        else:
            draft.commune_label = query.label
        targets = {index.old_to_new.get(f"{old.legacy_key}_{u.key}") for u in units}
        target = next(iter(targets)) if len(targets) == 1 else None
        if target is not None:
            draft.new_key, ward_key = target
            draft.ward = index.new_wards[draft.new_key].units[ward_key]
        else:
            # Same-named communes that went different ways are listed with their district.
            found = tuple(f"{u.display} ({districts.units[u.parent].display})" for u in units[:3])
            suggestions = found or wards.suggest(query, draft.district_keys)
            draft.give_up(query.label, suggestions, commune=True)

    def _match_district_successor(self, draft: _Draft) -> None:
        # A district all of whose communes went to one current ward (an island district
        # turned đặc khu, say) names that ward without a commune.
        index = self._index
        province_key = draft.old.legacy_key
        successors: set[tuple[str, str] | None] = set()
        for district_key in draft.district_keys or ():
            island = index.old_to_new.get(f"{province_key}_{district_key}_")
            if island is not None:
                successors.add(island)
                continue
            successors.update(
                index.old_to_new.get(f"{province_key}_{w.key}")
                for w in index.old_wards[province_key].units.values()
                if w.parent == district_key
            )
        if len(successors) == 1 and (target := next(iter(successors))) is not None:
            draft.new_key, ward_key = target
            draft.ward = index.new_wards[draft.new_key].units[ward_key]

    def _finish(self, draft: _Draft, province_only: bool) -> ResolvedPlace:
        index = self._index
        old, ward = draft.old, draft.ward
        current = index.provinces[draft.new_key]
        province_changed = old.key != draft.new_key
        ward_changed = ward is not None and (
            draft.commune_label is None
            or _accented_key(ward.display) != _accented_key(draft.commune_label)
        )
        note: str | None = None
        if province_changed or ward_changed:
            now = [ward.display] if ward is not None and ward_changed else []
            if province_changed:
                now.append(current.full_name)
            verb = "nay là" if province_only and old.renamed else "nay thuộc"
            note = f"{verb} {', '.join(now)}"
        # Naming "Lâm Đồng" with a district of the old province still names the old one,
        # which is now a part of the current province of that name.
        named_old = province_changed or (draft.via_old_data and index.merged[draft.new_key] > 1)
        parts = (draft.commune_label, draft.district_label, old.display)
        return ResolvedPlace(
            as_named=", ".join(p for p in parts if p),
            old_province=old.short if named_old else None,
            province=current,
            ward=ward.display if ward is not None else None,
            changed=note is not None,
            unresolved=", ".join(draft.unresolved) or None,
            suggestions=draft.suggestions,
            note=note,
        )
