"""Administrative units of one level, found by name within a scope."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from generator.places.names import Query, accented_key, fast_fold, folded_key, lower_type


@dataclass(frozen=True, slots=True)
class Unit:
    key: str
    display: str  # "xã Phú Lạc"
    short: str  # "Phú Lạc"
    type: str  # folded: "xa"
    parent: str  # old district key for old wards, "" otherwise
    own: frozenset[str]  # folded keys of its own name, with and without the type
    own_accented: frozenset[str]


def make_unit(key: str, full_name: str, parent: str = "") -> Unit:
    display, unit_type = lower_type(full_name)
    short = display[len(unit_type) :].strip()
    if short.endswith(")"):
        # The package tells same-named units apart in short names: "Kỳ Anh (Huyện)".
        short = short[: short.rindex("(")].rstrip()
    display = f"{unit_type} {short}".strip()
    short_key = accented_key(short)
    type_accented, type_folded = _type_keys(unit_type)
    own_accented = frozenset({type_accented + short_key, short_key})
    return Unit(
        key=key,
        display=display,
        short=short,
        type=type_folded,
        parent=parent,
        own=frozenset(fast_fold(k) for k in own_accented),
        own_accented=own_accented,
    )


@cache
def _type_keys(unit_type: str) -> tuple[str, str]:
    """Accented and folded keys of a unit type: a dozen types for 14,000 units."""
    return accented_key(unit_type), folded_key(unit_type)


def is_exact(unit: Unit, query: Query) -> bool:
    """Whether the query names the unit as it is written: its type, if given, and marks."""
    if query.typed_accented is not None:
        return query.type == unit.type and query.typed_accented in unit.own_accented
    return query.bare_accented in unit.own_accented


def closest(written: str, names: Mapping[str, str], n: int = 3) -> tuple[str, ...]:
    """The display names whose folded keys are most like `written`, most alike first."""
    close = difflib.get_close_matches(written, names, n=n, cutoff=0.6)
    return tuple(dict.fromkeys(names[c] for c in close))


class Lookup:
    """Units of one level within one scope, found by folded name or by the package's aliases."""

    def __init__(self) -> None:
        self.units: dict[str, Unit] = {}
        self._by_key: dict[str, set[str]] = {}

    def add(self, unit: Unit, aliases: Iterable[str] = ()) -> None:
        self.units[unit.key] = unit
        for own in unit.own:
            self._by_key.setdefault(own, set()).add(unit.key)
        for alias in aliases:
            self.alias(alias, (unit.key,))

    def alias(self, alias: str, keys: Iterable[str]) -> None:
        self._by_key.setdefault(folded_key(alias), set()).update(keys)

    def find(self, query: Query, within: Collection[str] | None = None) -> tuple[list[Unit], bool]:
        """Units the query names, and whether it used their own name (not an alias)."""
        variants = ((query.typed, query.typed_accented), (query.bare, query.bare_accented))
        for key, accented in variants:
            units = self._named(key, within) if key else []
            if units:
                units = _narrow(units, query, key == query.bare, accented)
                return units, all(key in u.own for u in units)
        return [], False

    def _named(self, key: str, within: Collection[str] | None) -> list[Unit]:
        keys = sorted(self._by_key.get(key, ()))
        return [self.units[k] for k in keys if within is None or self.units[k].parent in within]

    def names(self, within: Collection[str] | None = None) -> dict[str, str]:
        """Folded short name → display name of every unit in scope, for suggestions."""
        names: dict[str, str] = {}
        for unit in self.units.values():
            if within is None or unit.parent in within:
                names.setdefault(folded_key(unit.short), unit.display)
        return names

    def suggest(self, query: Query, within: Collection[str] | None = None) -> tuple[str, ...]:
        return closest(query.bare, self.names(within))


def _narrow(units: list[Unit], query: Query, bare: bool, accented: str | None) -> list[Unit]:
    if bare and query.type:
        # A wrong type ("xã" for a thị trấn) still finds the unit, but a right one wins.
        units = [u for u in units if u.type == query.type] or units
    if len(units) > 1:
        # Names that fold alike ("Tân Thành", "Tân Thạnh") part on their diacritics.
        units = [u for u in units if accented in u.own_accented] or units
    return units
