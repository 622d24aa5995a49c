"""From a place as written, `{province, district?, commune?}`, to where it lies today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.places.names import COMMUNE, DISTRICT, PROVINCE, Query, accented_key, parse
from generator.places.tables import OldProvince, PlaceTables, Province, load_tables
from generator.places.units import Lookup, Unit, closest, is_exact


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
    # The field the suggestions are for ("district" or "commune"), where a warning points.
    unresolved_part: str | None = None

    def display(self) -> str:
        """`xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc xã Liên Hương, tỉnh …)`."""
        if self.note is None:
            return self.as_named
        return f"{self.as_named} ({self.note})"


class UnknownPlace(Exception):
    """A province (or slug) that matches nothing; the message is the editor's error."""

    def __init__(self, level: str, given: str, suggestions: Iterable[str] = ()) -> None:
        self.level = level
        self.given = given
        self.suggestions = tuple(suggestions)[:3]
        names = ", ".join(f"`{s}`" for s in self.suggestions)
        hint = f"; có phải ý bạn là {names}?" if names else ""
        super().__init__(f"không tìm thấy địa danh `{given}`{hint}")


def province_by_slug(slug: str) -> Province:
    """The current province whose slug is `slug`; UnknownPlace if there is none."""
    tables = load_tables()
    try:
        return tables.by_slug[slug]
    except KeyError:
        raise UnknownPlace(
            "province", slug, closest(slug, {s: s for s in tables.by_slug})
        ) from None


@dataclass(frozen=True, slots=True)
class _Failure:
    level: str
    given: str
    suggestions: tuple[str, ...]


@dataclass(slots=True)
class _Draft:
    """A place while its fields are being matched, one level after another."""

    old: OldProvince
    new_key: str
    legacy_key: str  # the pre-reform province whose districts and communes are meant
    district_label: str | None = None
    district_keys: set[str] | None = None  # None: anywhere in the province
    commune_label: str | None = None
    ward: Unit | None = None
    via_old_data: bool = False  # matched against the 63-province data below province level
    unresolved: list[str] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()
    unresolved_part: str | None = None

    def give_up(self, label: str, suggestions: tuple[str, ...], *, part: str) -> None:
        # Communes come first, as in the address; the suggestions are for the commune then.
        commune = part == "commune"
        self.unresolved.insert(0 if commune else len(self.unresolved), label)
        if commune or not self.suggestions:
            self.suggestions = suggestions
            self.unresolved_part = part


class PlaceResolver:
    """Resolves places, remembering each distinct one: a site names the same few often."""

    def __init__(self) -> None:
        self._tables: PlaceTables = load_tables()
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
        tables = self._tables
        query = parse(province, PROVINCE)
        found, _ = tables.province_lookup.find(query)
        if len(found) != 1:
            names = [tables.old_provinces[u.key].short for u in found]
            names += closest(query.bare, tables.province_names)
            return _Failure("province", query.label, tuple(dict.fromkeys(names)))
        old = tables.old_provinces[found[0].key]
        draft = _Draft(old, old.new_key, old.legacy_key)
        district_query = parse(district, DISTRICT) if district and district.strip() else None
        commune_query = parse(commune, COMMUNE) if commune and commune.strip() else None
        if district_query is not None:
            self._match_district(draft, district_query)
        if commune_query is not None:
            self._match_commune(draft, commune_query, district_query)
        elif draft.district_keys:
            self._match_district_successor(draft)
        return self._finish(draft, province_only=district_query is None and commune_query is None)

    def _scopes(self, draft: _Draft) -> list[str]:
        """The pre-reform provinces a district or commune may be looked for in.

        A province that kept its name took in others: "Lâm Đồng, huyện Tuy Phong" names a
        district of the old Bình Thuận, under the province it belongs to now.
        """
        old = draft.old
        if old.key != old.new_key:
            return [old.legacy_key]
        others = [k for k in self._tables.former_keys[old.new_key] if k != old.legacy_key]
        return [old.legacy_key, *others]

    def _match_district(self, draft: _Draft, query: Query) -> None:
        draft.via_old_data = True
        tables = self._tables
        scopes = self._scopes(draft)
        for legacy_key in scopes:
            units, own = tables.districts[legacy_key].find(query)
            if units:
                draft.legacy_key = legacy_key
                draft.district_keys = {u.key for u in units}
                draft.district_label = units[0].display if len(units) == 1 and own else query.label
                return
        draft.district_label = query.label
        names = _merged(tables.districts[k].names() for k in scopes)
        draft.give_up(query.label, closest(query.bare, names), part="district")

    def _match_commune(self, draft: _Draft, query: Query, district: Query | None) -> None:
        tables = self._tables
        old = draft.old
        # A source written after the reform names a current ward and no district; try
        # that first where the named province still exists under that name.
        surviving = district is None and old.key == old.new_key
        if surviving and self._match_current_ward(draft, query, tables.new_wards[old.new_key]):
            return
        draft.via_old_data = True
        scopes = [draft.legacy_key] if draft.district_keys is not None else self._scopes(draft)
        units: list[Unit] = []
        own = False
        for legacy_key in scopes:
            units, own = tables.old_wards[legacy_key].find(query, draft.district_keys)
            if units:
                draft.legacy_key = legacy_key
                break
        # Perhaps a current commune, named under the province (and district) it lay in
        # before: taken when no old one has that name, or when it matches the name as
        # written (type and marks) and the old ones do not ("phường Hồng Quang" is a
        # current ward; before the reform there were two xã Hồng Quang).
        exact_old = len(units) == 1 and own and is_exact(units[0], query)
        current = tables.new_wards_from(draft.legacy_key)
        if not exact_old and self._match_current_ward(draft, query, current, exact=bool(units)):
            return
        self._take_old_commune(draft, query, district, units, own)

    def _match_current_ward(
        self, draft: _Draft, query: Query, lookup: Lookup, *, exact: bool = False
    ) -> bool:
        units, own = lookup.find(query)
        if exact:
            units = [u for u in units if is_exact(u, query)]
        if len(units) == 1:
            draft.ward = units[0]
            draft.commune_label = units[0].display if own else query.label
            return True
        if units:
            draft.commune_label = query.label
            draft.give_up(query.label, tuple(u.display for u in units[:3]), part="commune")
            return True
        return False

    def _take_old_commune(
        self, draft: _Draft, query: Query, district: Query | None, units: list[Unit], own: bool
    ) -> None:
        tables = self._tables
        districts = tables.districts[draft.legacy_key]
        if len(units) == 1 and own:
            draft.commune_label = units[0].display
            parent = districts.units[units[0].parent]
            if district is not None and district.bare in parent.own:
                # The commune tells which of two same-named districts was meant.
                draft.district_label = parent.display
        else:
            draft.commune_label = query.label
        targets = {tables.old_to_new.get(f"{draft.legacy_key}_{u.key}") for u in units}
        target = next(iter(targets)) if len(targets) == 1 else None
        if target is not None:
            draft.new_key, ward_key = target
            draft.ward = tables.new_wards[draft.new_key].units[ward_key]
            return
        # Same-named communes that went different ways are listed with their district.
        found = tuple(f"{u.display} ({districts.units[u.parent].display})" for u in units[:3])
        draft.give_up(query.label, found or self._commune_suggestions(draft, query), part="commune")

    def _commune_suggestions(self, draft: _Draft, query: Query) -> tuple[str, ...]:
        """Known communes, before and after the reform, most like the one written, in the
        district if one matched and in the province otherwise."""
        tables = self._tables
        scopes = [draft.legacy_key] if draft.district_keys is not None else self._scopes(draft)
        pools = [tables.old_wards[k].names(draft.district_keys) for k in scopes]
        if draft.district_keys is None:
            pools += [tables.new_wards_from(k).names() for k in scopes]
        return closest(query.bare, _merged(pools))

    def _match_district_successor(self, draft: _Draft) -> None:
        # A district all of whose communes went to one current ward (an island district
        # turned đặc khu, say) names that ward without a commune.
        tables = self._tables
        province_key = draft.legacy_key
        successors: set[tuple[str, str] | None] = set()
        for district_key in draft.district_keys or ():
            island = tables.old_to_new.get(f"{province_key}_{district_key}_")
            if island is not None:
                successors.add(island)
                continue
            successors.update(
                tables.old_to_new.get(f"{province_key}_{w.key}")
                for w in tables.old_wards[province_key].units.values()
                if w.parent == district_key
            )
        if len(successors) == 1 and (target := next(iter(successors))) is not None:
            draft.new_key, ward_key = target
            draft.ward = tables.new_wards[draft.new_key].units[ward_key]

    def _finish(self, draft: _Draft, province_only: bool) -> ResolvedPlace:
        tables = self._tables
        old, ward = draft.old, draft.ward
        current = tables.provinces[draft.new_key]
        note = _note(draft, current, province_only)
        # Naming "Lâm Đồng" with a district of the old province still names the old one,
        # which is now a part of the current province of that name.
        merged = len(tables.former_keys[draft.new_key]) > 1
        named_old = old.key != draft.new_key or (draft.via_old_data and merged)
        parts = (draft.commune_label, draft.district_label, old.display)
        return ResolvedPlace(
            as_named=", ".join(p for p in parts if p),
            old_province=self._old_province_name(draft) if named_old else None,
            province=current,
            ward=ward.display if ward is not None else None,
            changed=note is not None,
            unresolved=", ".join(draft.unresolved) or None,
            suggestions=draft.suggestions,
            note=note,
            unresolved_part=draft.unresolved_part,
        )

    def _old_province_name(self, draft: _Draft) -> str:
        if draft.legacy_key == draft.old.legacy_key:
            return draft.old.short
        return self._tables.old_provinces[draft.legacy_key].short


def _note(draft: _Draft, current: Province, province_only: bool) -> str | None:
    """`nay thuộc xã Liên Hương, tỉnh Lâm Đồng`: where the place lies now, if it moved."""
    old, ward = draft.old, draft.ward
    province_changed = old.key != draft.new_key
    ward_changed = ward is not None and (
        draft.commune_label is None
        or accented_key(ward.display) != accented_key(draft.commune_label)
    )
    if not (province_changed or ward_changed):
        return None
    now = [ward.display] if ward is not None and ward_changed else []
    if province_changed:
        now.append(current.full_name)
    verb = "nay là" if province_only and old.renamed else "nay thuộc"
    return f"{verb} {', '.join(now)}"


def _merged(pools: Iterable[dict[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for pool in pools:
        for key, name in pool.items():
            merged.setdefault(key, name)
    return merged
