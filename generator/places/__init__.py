"""Places as sources name them, resolved to Vietnam's current (post-2025) provinces and wards.

Editors write `{province, district?, commune?}` the way a source names it: before the 2025
reform (63 provinces became 34 and the district level was abolished on 1 July 2025), after
it, or mixing the two (a current ward under the province it lay in before). This package
resolves such a place to the current province and, where the data allows, the current
ward, keeping the original wording for display.

- `names`: unit types and the folded and accented keys a name is looked up by;
- `units`: the units of one level, found by name within a scope, and suggestions;
- `tables`: the data, read once from the package's files;
- `resolve`: matching one place's fields, level after level.

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

from generator.places.resolve import PlaceResolver, ResolvedPlace, UnknownPlace, province_by_slug
from generator.places.tables import Province, current_provinces, pre_reform_communes

__all__ = [
    "PlaceResolver",
    "Province",
    "ResolvedPlace",
    "UnknownPlace",
    "current_provinces",
    "pre_reform_communes",
    "province_by_slug",
]
