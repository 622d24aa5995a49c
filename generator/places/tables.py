"""The administrative data, read once from the `vietnamadminunits` package's JSON files.

Only the files are read; the package's code is never imported (see `generator.places`).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.places.names import folded_key, lower_type
from generator.places.units import Lookup, make_unit
from generator.vietnamese import slugify, sort_key


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
class OldProvince:
    """A province as sources may name it: one of the 63 before the reform, or older."""

    key: str
    legacy_key: str  # key in the package's 63-province data
    short: str
    display: str  # "tỉnh Bình Thuận"
    new_key: str
    renamed: bool = False  # an earlier name of the same province, not a merged one


@dataclass(frozen=True, slots=True)
class PlaceTables:
    """Every level of the data, before and after the reform, keyed as the package keys it."""

    provinces: dict[str, Province]  # by the package's key, e.g. "tinhlamdong"
    by_slug: dict[str, Province]
    former_keys: dict[str, tuple[str, ...]]  # new key -> legacy keys of what it absorbed
    old_provinces: dict[str, OldProvince]
    province_lookup: Lookup
    province_names: dict[str, str]  # folded name or common name -> short name, to suggest
    districts: dict[str, Lookup]  # by legacy province key
    old_wards: dict[str, Lookup]  # by legacy province key; unit key "district_ward"
    new_wards: dict[str, Lookup]  # by new province key
    new_ward_aliases: dict[str, list[str]]  # "province_ward" -> the package's aliases
    old_to_new: dict[str, tuple[str, str]]  # "province_district_ward" -> (province, ward)
    _wards_from: dict[str, Lookup] = field(default_factory=dict)
    # new_wards_from's targets by the old province part of the old key, built on first use:
    # scanning every old commune for each province took 0.2 s of a national check.
    _targets_by_province: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def new_wards_from(self, legacy_key: str) -> Lookup:
        """The current wards that took in land of an old province: a ward named under the
        province it lay in before the reform is looked for there, not in the whole new one.
        Built on first use, as only such places need it."""
        lookup = self._wards_from.get(legacy_key)
        if lookup is None:
            lookup = self._wards_from[legacy_key] = Lookup()
            for province_key, ward_key in sorted(self._targets_from(legacy_key)):
                unit = self.new_wards[province_key].units[ward_key]
                lookup.add(unit, self.new_ward_aliases.get(f"{province_key}_{ward_key}", ()))
        return lookup

    def _targets_from(self, legacy_key: str) -> set[tuple[str, str]]:
        """The (province, ward) keys that old communes of `legacy_key` went to."""
        prefix = legacy_key + "_"
        if "_" in legacy_key:  # its part of an old key cannot be told by the first `_`
            return {t for old, t in self.old_to_new.items() if old.startswith(prefix)}
        if not self._targets_by_province:
            for old, target in self.old_to_new.items():
                province, underscore, _ = old.partition("_")
                if underscore:
                    self._targets_by_province.setdefault(province, set()).add(target)
        return self._targets_by_province.get(legacy_key, set())


# Provinces a source may still name although the package's data has moved on: Thừa Thiên
# Huế became the centrally-run city of Huế on 1 January 2025, and Hà Tây joined Hà Nội in
# 2008. Their districts and communes are looked up in the successor.
_HISTORICAL_PROVINCES = (
    ("thuathienhue", "Tỉnh Thừa Thiên Huế", "thanhphohue", True),
    ("hatay", "Tỉnh Hà Tây", "thanhphohanoi", False),
)

# Names the press and the public use for a city besides its official one.
_COMMON_NAMES = {
    "thanhphohochiminh": ("Sài Gòn", "Thành phố Sài Gòn", "TP Sài Gòn", "HCMC", "TP HCM"),
    "thanhphohanoi": ("Thủ đô Hà Nội", "Thủ đô"),
    "thanhphohue": ("Cố đô Huế",),
}


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
def load_tables() -> PlaceTables:
    """The tables, built on first use (~0.3 s) and shared by the whole process."""
    legacy = _load("parser_legacy.json")
    current = _load("parser_from_2025.json")
    converter = _load("converter_2025.json")
    former_keys = {new: tuple(olds) for new, olds in converter["DICT_PROVINCE"].items()}
    provinces = _current_provinces(current, legacy, former_keys)
    old_provinces, province_lookup = _old_provinces(legacy, former_keys)
    province_names = {folded_key(p.short): p.short for p in old_provinces.values()}
    for key, names in _COMMON_NAMES.items():
        province_names.update((folded_key(n), provinces[key].name) for n in names)
    new_wards, aliases = _new_wards(current)
    old_to_new = _old_to_new(converter)
    return PlaceTables(
        provinces=provinces,
        by_slug={p.slug: p for p in provinces.values()},
        former_keys=former_keys,
        old_provinces=old_provinces,
        province_lookup=province_lookup,
        province_names=province_names,
        districts=_districts(legacy),
        old_wards=_OldWards(legacy),
        new_wards=new_wards,
        new_ward_aliases=aliases,
        old_to_new=old_to_new,
    )


def _current_provinces(
    current: dict[str, Any], legacy: dict[str, Any], former_keys: dict[str, tuple[str, ...]]
) -> dict[str, Province]:
    old_short = {k: v["provinceShort"] for k, v in legacy["DICT_PROVINCE"].items()}
    provinces: dict[str, Province] = {}
    for key, raw in current["DICT_PROVINCE"].items():
        provinces[key] = Province(
            code=raw["provinceCode"],
            name=raw["provinceShort"],
            full_name=lower_type(raw["province"])[0],
            slug=slugify(raw["provinceShort"]),
            latitude=float(raw["provinceLat"]),
            longitude=float(raw["provinceLon"]),
            former=tuple(sorted((old_short[o] for o in former_keys[key]), key=sort_key)),
        )
    return provinces


def _old_provinces(
    legacy: dict[str, Any], former_keys: dict[str, tuple[str, ...]]
) -> tuple[dict[str, OldProvince], Lookup]:
    new_key_of = {old: new for new, olds in former_keys.items() for old in olds}
    old_provinces: dict[str, OldProvince] = {}
    lookup = Lookup()
    for key, raw in legacy["DICT_PROVINCE"].items():
        unit = make_unit(key, raw["province"])
        old_provinces[key] = OldProvince(
            key, key, raw["provinceShort"], unit.display, new_key_of[key]
        )
        keywords = [*raw["provinceKeywords"], *_COMMON_NAMES.get(key, ())]
        if unit.type == "thanhpho":
            # "TPHCM", "TPHN": the abbreviation glued to the name is common in the press.
            keywords += ["tp" + k for k in raw["provinceKeywords"]]
        lookup.add(unit, keywords)
    for key, full_name, legacy_key, renamed in _HISTORICAL_PROVINCES:
        unit = make_unit(key, full_name)
        old_provinces[key] = OldProvince(
            key, legacy_key, unit.short, unit.display, new_key_of[legacy_key], renamed
        )
        lookup.add(unit)
    return old_provinces, lookup


def _districts(legacy: dict[str, Any]) -> dict[str, Lookup]:
    districts: dict[str, Lookup] = {}
    for province_key, raw_districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        lookup = districts[province_key] = Lookup()
        for key, raw in raw_districts.items():
            lookup.add(make_unit(key, raw["district"]), raw["districtKeywords"])
    # Districts split or merged shortly before the reform, and short names shared by a
    # huyện and a thị xã, stand for several districts; the commune decides between them.
    for province_key, divided in legacy["DICT_PROVINCE_DISTRICT_DIVIDED"].items():
        for raw in divided.values():
            for keyword in raw["dividedDistrictKeywords"]:
                districts[province_key].alias(keyword, raw["districts"])
    return districts


# Each level comes in a folded dictionary with keywords and, for names that fold alike,
# accented ones; the accented dictionaries hold accented keywords, and folding them would
# merge the very names they exist to keep apart, so only the folded one gives aliases.
_OLD_WARD_DICTS = (
    "DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED",
    "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
    "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED",
)
_NEW_WARD_DICTS = (
    "DICT_PROVINCE_WARD_NO_ACCENTED",
    "DICT_PROVINCE_WARD_ACCENTED",
    "DICT_PROVINCE_WARD_SHORT_ACCENTED",
)


class _OldWards(dict[str, Lookup]):
    """The communes before the reform, by legacy province key, each province's built when
    it is first asked for: 14,000 communes took 0.21 s, two thirds of the tables, and a
    provincial site names a few provinces. The raw data is let go once all are built.
    Read it by `[key]`: `in`, `get` and iteration see only the provinces built so far."""

    def __init__(self, legacy: dict[str, Any]) -> None:
        super().__init__()
        self._raw: list[tuple[bool, dict[str, Any]]] | None = [
            ("NO_ACCENTED" in name, legacy[name]) for name in _OLD_WARD_DICTS
        ]
        self._keys = frozenset(key for _, raw in self._raw for key in raw)

    def __missing__(self, province_key: str) -> Lookup:
        if self._raw is None or province_key not in self._keys:
            raise KeyError(province_key)
        lookup = self[province_key] = Lookup()
        for keywords, raw in self._raw:
            for district_key, raw_wards in raw.get(province_key, {}).items():
                for key, ward in raw_wards.items():
                    if _is_name(key) and _is_name(ward["ward"]):
                        unit = make_unit(f"{district_key}_{key}", ward["ward"], district_key)
                        lookup.add(unit, ward["wardKeywords"] if keywords else ())
        if len(self) == len(self._keys):
            self._raw = None
        return lookup


def _new_wards(current: dict[str, Any]) -> tuple[dict[str, Lookup], dict[str, list[str]]]:
    """Current wards by province, and the package's aliases of each (by ward key)."""
    new_wards: dict[str, Lookup] = {}
    aliases: dict[str, list[str]] = {}
    for dict_name in _NEW_WARD_DICTS:
        keywords = "NO_ACCENTED" in dict_name
        for province_key, raw_wards in current[dict_name].items():
            lookup = new_wards.setdefault(province_key, Lookup())
            for key, raw in raw_wards.items():
                if key not in lookup.units:
                    ward_aliases = aliases[f"{province_key}_{key}"] = (
                        raw["wardKeywords"] if keywords else []
                    )
                    lookup.add(make_unit(key, raw["ward"]), ward_aliases)
    return new_wards, aliases


def _old_to_new(converter: dict[str, Any]) -> dict[str, tuple[str, str]]:
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
    return old_to_new


def pre_reform_communes() -> list[tuple[str, str, str]]:
    """Every commune before the reform as (province, district, commune) display names."""
    tables = load_tables()
    found = []
    for old in tables.old_provinces.values():
        if old.key != old.legacy_key:
            continue  # historical aliases share their successor's communes
        districts = tables.districts[old.key]
        for unit in tables.old_wards[old.key].units.values():
            found.append((old.display, districts.units[unit.parent].display, unit.display))
    return sorted(found)


@cache
def current_provinces() -> tuple[Province, ...]:
    """The 34 current provinces and cities, in Vietnamese alphabetical order."""
    return tuple(sorted(load_tables().provinces.values(), key=lambda p: sort_key(p.name)))
