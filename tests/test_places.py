"""Places as sources name them, resolved to the 34 current provinces and their wards."""

from __future__ import annotations

import random
import re
import socket
import subprocess
import sys
import unicodedata
from collections.abc import Iterator

import pytest

from generator import places
from generator.places import (
    PlaceResolver,
    Province,
    UnknownPlace,
    current_provinces,
    pre_reform_communes,
    province_by_slug,
)
from generator.vietnamese import sort_key

# The 63 provinces before 1 July 2025 and the one each belongs to now, as enacted by
# Resolution 202/2025/QH15; written out here so the package's data is checked against it.
OLD_TO_CURRENT = {
    "An Giang": "An Giang",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bạc Liêu": "Cà Mau",
    "Bắc Giang": "Bắc Ninh",
    "Bắc Kạn": "Thái Nguyên",
    "Bắc Ninh": "Bắc Ninh",
    "Bến Tre": "Vĩnh Long",
    "Bình Dương": "Hồ Chí Minh",
    "Bình Định": "Gia Lai",
    "Bình Phước": "Đồng Nai",
    "Bình Thuận": "Lâm Đồng",
    "Cà Mau": "Cà Mau",
    "Cao Bằng": "Cao Bằng",
    "Cần Thơ": "Cần Thơ",
    "Đà Nẵng": "Đà Nẵng",
    "Đắk Lắk": "Đắk Lắk",
    "Đắk Nông": "Lâm Đồng",
    "Điện Biên": "Điện Biên",
    "Đồng Nai": "Đồng Nai",
    "Đồng Tháp": "Đồng Tháp",
    "Gia Lai": "Gia Lai",
    "Hà Giang": "Tuyên Quang",
    "Hà Nam": "Ninh Bình",
    "Hà Nội": "Hà Nội",
    "Hà Tĩnh": "Hà Tĩnh",
    "Hải Dương": "Hải Phòng",
    "Hải Phòng": "Hải Phòng",
    "Hậu Giang": "Cần Thơ",
    "Hòa Bình": "Phú Thọ",
    "Hồ Chí Minh": "Hồ Chí Minh",
    "Hưng Yên": "Hưng Yên",
    "Khánh Hòa": "Khánh Hòa",
    "Kiên Giang": "An Giang",
    "Kon Tum": "Quảng Ngãi",
    "Lai Châu": "Lai Châu",
    "Lạng Sơn": "Lạng Sơn",
    "Lào Cai": "Lào Cai",
    "Lâm Đồng": "Lâm Đồng",
    "Long An": "Tây Ninh",
    "Nam Định": "Ninh Bình",
    "Nghệ An": "Nghệ An",
    "Ninh Bình": "Ninh Bình",
    "Ninh Thuận": "Khánh Hòa",
    "Phú Thọ": "Phú Thọ",
    "Phú Yên": "Đắk Lắk",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Đà Nẵng",
    "Quảng Ngãi": "Quảng Ngãi",
    "Quảng Ninh": "Quảng Ninh",
    "Quảng Trị": "Quảng Trị",
    "Sóc Trăng": "Cần Thơ",
    "Sơn La": "Sơn La",
    "Tây Ninh": "Tây Ninh",
    "Thái Bình": "Hưng Yên",
    "Thái Nguyên": "Thái Nguyên",
    "Thanh Hóa": "Thanh Hóa",
    "Thừa Thiên Huế": "Huế",
    "Tiền Giang": "Đồng Tháp",
    "Trà Vinh": "Vĩnh Long",
    "Tuyên Quang": "Tuyên Quang",
    "Vĩnh Long": "Vĩnh Long",
    "Vĩnh Phúc": "Phú Thọ",
    "Yên Bái": "Lào Cai",
}


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection or look up a host fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during place resolution")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


# --- Provinces as written ----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Tỉnh Quảng Ninh", "tỉnh Quảng Ninh", "Quảng Ninh", "  Quảng  Ninh ", "TỈNH QUẢNG NINH"],
)
def test_province_prefix_tinh_is_accepted(resolver: PlaceResolver, written: str) -> None:
    """`Tỉnh`/`tỉnh` prefixes, case and spacing do not matter."""
    place = resolver.resolve(written)
    assert place.province.name == "Quảng Ninh"
    assert place.as_named == "tỉnh Quảng Ninh"


@pytest.mark.parametrize(
    "written",
    ["TP. Hà Nội", "TP Hà Nội", "TP.Hà Nội", "Thành phố Hà Nội", "thành phố Hà Nội", "Hà Nội"],
)
def test_province_prefix_thanh_pho_is_accepted(resolver: PlaceResolver, written: str) -> None:
    """`TP.`, `TP`, `Thành phố` and `thành phố` all name the city."""
    place = resolver.resolve(written)
    assert place.province.name == "Hà Nội"
    assert place.as_named == "thành phố Hà Nội"
    assert not place.changed


@pytest.mark.parametrize(
    "written", ["TP. Hồ Chí Minh", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP.HCM", "TPHCM"]
)
def test_ho_chi_minh_city_spellings(resolver: PlaceResolver, written: str) -> None:
    """Hồ Chí Minh City is found with or without `TP.`, and by its common abbreviation."""
    place = resolver.resolve(written)
    assert place.province.name == "Hồ Chí Minh"
    assert place.province.full_name == "thành phố Hồ Chí Minh"
    assert place.display() == "thành phố Hồ Chí Minh"


@pytest.mark.parametrize(
    ("written", "canonical", "current"),
    [
        ("Cao Bang", "tỉnh Cao Bằng", "Cao Bằng"),
        ("Bac Kan", "tỉnh Bắc Kạn", "Thái Nguyên"),
        ("Dak Nong", "tỉnh Đắk Nông", "Lâm Đồng"),
        ("tinh binh thuan", "tỉnh Bình Thuận", "Lâm Đồng"),
    ],
)
def test_missing_diacritics_are_restored_from_the_data(
    resolver: PlaceResolver, written: str, canonical: str, current: str
) -> None:
    """A name typed without diacritics is matched and displayed in its proper spelling."""
    place = resolver.resolve(written)
    assert place.as_named == canonical
    assert place.province.name == current


@pytest.mark.parametrize(
    "written", ["Thừa Thiên - Huế", "Thừa Thiên – Huế", "Thừa Thiên Huế", "tỉnh Thua Thien Hue"]
)
def test_thua_thien_hue_is_now_hue(resolver: PlaceResolver, written: str) -> None:
    """Thừa Thiên Huế, with hyphen, en dash or neither, is the current city of Huế."""
    place = resolver.resolve(written)
    assert place.province.name == "Huế"
    assert place.old_province == "Thừa Thiên Huế"
    assert place.display() == "tỉnh Thừa Thiên Huế (nay là thành phố Huế)"


def test_nfd_input_resolves_like_nfc(resolver: PlaceResolver) -> None:
    """Decomposed (NFD) input gives the same result as composed (NFC) input."""
    composed = ("Bình Thuận", "Tuy Phong", "Phú Lạc")
    decomposed = tuple(unicodedata.normalize("NFD", part) for part in composed)
    assert decomposed != composed
    assert resolver.resolve(*decomposed) == resolver.resolve(*composed)


def test_tone_mark_style_does_not_matter(resolver: PlaceResolver) -> None:
    """`Thanh Hoá` and `Khánh Hoà` (old tone style) find Thanh Hóa and Khánh Hòa."""
    assert resolver.resolve("Thanh Hoá").as_named == "tỉnh Thanh Hóa"
    assert resolver.resolve("Khánh Hoà").province.name == "Khánh Hòa"


# --- Merges ------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "current"), sorted(OLD_TO_CURRENT.items()))
def test_every_old_province_resolves(resolver: PlaceResolver, old: str, current: str) -> None:
    """Each of the 63 pre-2025 provinces resolves to the province it is part of now."""
    place = resolver.resolve(old)
    assert place.province.name == current
    assert place.changed == (old != current)


@pytest.mark.parametrize(
    ("old", "current"),
    [("Bắc Kạn", "Thái Nguyên"), ("Bình Thuận", "Lâm Đồng"), ("Đắk Nông", "Lâm Đồng")],
)
def test_merged_province_display_names_the_current_one(
    resolver: PlaceResolver, old: str, current: str
) -> None:
    """A province merged away shows where it belongs now."""
    place = resolver.resolve(old)
    assert place.old_province == old
    assert place.display() == f"tỉnh {old} (nay thuộc tỉnh {current})"


@pytest.mark.parametrize("name", ["Cao Bằng", "Quảng Ninh", "Hà Nội"])
def test_unmerged_province_is_unchanged(resolver: PlaceResolver, name: str) -> None:
    """A province the reform left alone is shown as named, with no old province."""
    place = resolver.resolve(name)
    assert place.province.name == name
    assert place.old_province is None
    assert not place.changed
    assert place.display() == place.as_named


def test_every_current_province_resolves_to_itself(resolver: PlaceResolver) -> None:
    """Each of the 34 current names, written as is, is that province and unchanged."""
    for province in current_provinces():
        place = resolver.resolve(province.name)
        assert place.province is province
        assert not place.changed


def test_former_provinces_follow_the_resolution() -> None:
    """`Province.former` lists exactly the pre-2025 provinces merged into each one."""
    expected: dict[str, set[str]] = {}
    for old, current in OLD_TO_CURRENT.items():
        expected.setdefault(current, set()).add("Huế" if old == "Thừa Thiên Huế" else old)
    assert {p.name: set(p.former) for p in current_provinces()} == expected
    lam_dong = province_by_slug("lam-dong")
    assert lam_dong.former == ("Bình Thuận", "Đắk Nông", "Lâm Đồng")


# --- Districts and communes ---------------------------------------------------------------


def test_phu_lac_tuy_phong_binh_thuan_is_now_lam_dong(resolver: PlaceResolver) -> None:
    """xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận is now in xã Liên Hương, Lâm Đồng."""
    place = resolver.resolve("Bình Thuận", "Tuy Phong", "Phú Lạc")
    assert place.as_named == "xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận"
    assert place.old_province == "Bình Thuận"
    assert place.province.name == "Lâm Đồng"
    assert place.ward == "xã Liên Hương"
    assert place.changed
    assert place.unresolved is None
    assert place.display() == (
        "xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc xã Liên Hương, tỉnh Lâm Đồng)"
    )


def test_kim_hy_na_ri_bac_kan_is_now_thai_nguyen(resolver: PlaceResolver) -> None:
    """xã Kim Hỷ, huyện Na Rì, tỉnh Bắc Kạn is now xã Văn Lang, tỉnh Thái Nguyên."""
    place = resolver.resolve("Bắc Kạn", "Na Rì", "Kim Hỷ")
    assert place.province.name == "Thái Nguyên"
    assert place.ward == "xã Văn Lang"
    assert place.display() == (
        "xã Kim Hỷ, huyện Na Rì, tỉnh Bắc Kạn (nay thuộc xã Văn Lang, tỉnh Thái Nguyên)"
    )


def test_tien_lang_tien_yen_quang_ninh_keeps_its_province(resolver: PlaceResolver) -> None:
    """xã Tiên Lãng, huyện Tiên Yên stays in Quảng Ninh, now within xã Tiên Yên."""
    place = resolver.resolve("Quảng Ninh", "Tiên Yên", "Tiên Lãng")
    assert place.province.name == "Quảng Ninh"
    assert place.old_province is None
    assert place.ward == "xã Tiên Yên"
    assert place.changed
    assert (
        place.display() == "xã Tiên Lãng, huyện Tiên Yên, tỉnh Quảng Ninh (nay thuộc xã Tiên Yên)"
    )


@pytest.mark.parametrize(
    ("district", "commune"),
    [
        ("Tuy Phong", "Phú Lạc"),
        ("huyện Tuy Phong", "xã Phú Lạc"),
        ("Huyện Tuy Phong", "Xã Phú Lạc"),
        ("H. Tuy Phong", "X. Phú Lạc"),
        ("tuy phong", "phu lac"),
    ],
)
def test_unit_type_prefixes_are_optional(
    resolver: PlaceResolver, district: str, commune: str
) -> None:
    """District and commune may be written with or without `huyện`/`xã` (or abbreviated)."""
    place = resolver.resolve("Bình Thuận", district, commune)
    assert place.as_named == "xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận"
    assert place.ward == "xã Liên Hương"


@pytest.mark.parametrize(
    ("district", "commune"),
    [("Quận 1", "Phường Bến Nghé"), ("quận 1", "phường Bến Nghé"), ("Q.1", "P. Bến Nghé")],
)
def test_quan_prefix_and_numbered_districts(
    resolver: PlaceResolver, district: str, commune: str
) -> None:
    """`quận 1`, `Quận 1` and `Q.1` name the same district of Hồ Chí Minh City."""
    place = resolver.resolve("TP. Hồ Chí Minh", district, commune)
    assert place.as_named == "phường Bến Nghé, quận 1, thành phố Hồ Chí Minh"
    assert place.ward == "phường Sài Gòn"
    assert place.display().endswith("(nay thuộc phường Sài Gòn)")


@pytest.mark.parametrize("district", ["Thị xã Kỳ Anh", "thị xã Kỳ Anh", "TX. Kỳ Anh"])
def test_thi_xa_prefix_is_accepted(resolver: PlaceResolver, district: str) -> None:
    """`thị xã` (or `TX.`) before a district name is understood."""
    place = resolver.resolve("Hà Tĩnh", district, "Kỳ Lợi")
    assert place.as_named == "xã Kỳ Lợi, thị xã Kỳ Anh, tỉnh Hà Tĩnh"


def test_commune_decides_between_same_named_districts(resolver: PlaceResolver) -> None:
    """`Kỳ Anh` is both a huyện and a thị xã; the commune tells which one was meant."""
    place = resolver.resolve("Hà Tĩnh", "Kỳ Anh", "Kỳ Lợi")
    assert place.as_named == "xã Kỳ Lợi, thị xã Kỳ Anh, tỉnh Hà Tĩnh"
    assert place.ward == "phường Vũng Áng"


def test_thanh_pho_prefix_on_a_district(resolver: PlaceResolver) -> None:
    """A district written `thành phố …` is found and keeps that type."""
    place = resolver.resolve("Bắc Kạn", "Thành phố Bắc Kạn")
    assert place.as_named == "thành phố Bắc Kạn, tỉnh Bắc Kạn"
    assert place.display() == "thành phố Bắc Kạn, tỉnh Bắc Kạn (nay thuộc tỉnh Thái Nguyên)"


def test_district_without_commune_resolves_to_province(resolver: PlaceResolver) -> None:
    """A district alone, its territory now split among wards, resolves to the province."""
    place = resolver.resolve("Bình Thuận", "Tuy Phong")
    assert place.ward is None
    assert place.unresolved is None
    assert place.display() == "huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc tỉnh Lâm Đồng)"


def test_island_district_becomes_special_zone(resolver: PlaceResolver) -> None:
    """huyện Côn Đảo, with no communes, is now đặc khu Côn Đảo of Hồ Chí Minh City."""
    place = resolver.resolve("Bà Rịa - Vũng Tàu", "Côn Đảo")
    assert place.ward == "đặc khu Côn Đảo"
    assert place.province.name == "Hồ Chí Minh"


def test_current_ward_without_district_is_unchanged(resolver: PlaceResolver) -> None:
    """A source from after the reform names a current ward and no district."""
    place = resolver.resolve("Lâm Đồng", commune="Liên Hương")
    assert place.as_named == "xã Liên Hương, tỉnh Lâm Đồng"
    assert place.ward == "xã Liên Hương"
    assert place.old_province is None
    assert not place.changed


def test_old_commune_without_district_is_found(resolver: PlaceResolver) -> None:
    """An old commune named without its district is still found within the old province."""
    place = resolver.resolve("Bình Thuận", commune="Phú Lạc")
    assert place.as_named == "xã Phú Lạc, tỉnh Bình Thuận"
    assert place.ward == "xã Liên Hương"


def test_old_district_of_surviving_province_names_the_old_one(resolver: PlaceResolver) -> None:
    """With an old district, `Lâm Đồng` means the old province, now part of the new one."""
    place = resolver.resolve("Lâm Đồng", "Đức Trọng")
    assert place.old_province == "Lâm Đồng"
    assert place.province.name == "Lâm Đồng"
    assert not place.changed


# --- Unknown names -------------------------------------------------------------------------


def test_unknown_province_suggests_closest_names(resolver: PlaceResolver) -> None:
    """A misspelt province fails with the closest known names."""
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("Bình Thuânn", "Tuy Phong", "Phú Lạc")
    assert caught.value.level == "province"
    assert caught.value.given == "Bình Thuânn"
    assert "Bình Thuận" in caught.value.suggestions
    assert len(caught.value.suggestions) <= 3
    assert "có phải ý bạn là" in str(caught.value)


def test_unknown_province_fails_every_time(resolver: PlaceResolver) -> None:
    """A cached failure is raised again on the next call, not returned."""
    for _ in range(2):
        with pytest.raises(UnknownPlace):
            resolver.resolve("Xứ Sở Thần Tiên")


def test_unknown_commune_resolves_to_province_level(resolver: PlaceResolver) -> None:
    """An unknown commune under a known province resolves to the province and says so."""
    place = resolver.resolve("Bình Thuận", "Tuy Phong", "Phú Lạcc")
    assert place.province.name == "Lâm Đồng"
    assert place.ward is None
    assert place.unresolved == "Phú Lạcc"
    assert "xã Phú Lạc" in place.suggestions
    assert place.display() == "Phú Lạcc, huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc tỉnh Lâm Đồng)"


def test_unknown_district_resolves_to_province_level(resolver: PlaceResolver) -> None:
    """An unknown district is reported in `unresolved`, keeping the type it was given."""
    place = resolver.resolve("Cao Bằng", "huyện Xyz")
    assert place.province.name == "Cao Bằng"
    assert place.unresolved == "huyện Xyz"
    assert place.as_named == "huyện Xyz, tỉnh Cao Bằng"


def test_ambiguous_commune_lists_candidates(resolver: PlaceResolver) -> None:
    """Without diacritics `Tan Thanh` is two communes of one district; both are suggested."""
    place = resolver.resolve("Long An", "Tân Thạnh", "Tan Thanh")
    assert place.ward is None
    assert place.unresolved == "Tan Thanh"
    assert set(place.suggestions) == {
        "thị trấn Tân Thạnh (huyện Tân Thạnh)",
        "xã Tân Thành (huyện Tân Thạnh)",
    }


def test_diacritics_tell_same_folded_names_apart(resolver: PlaceResolver) -> None:
    """`Tân Thành` and `Tân Thạnh` fold alike; written with diacritics each is found."""
    place = resolver.resolve("Long An", "Tân Thạnh", "Tân Thành")
    assert place.as_named == "xã Tân Thành, huyện Tân Thạnh, tỉnh Long An"
    assert place.ward is not None


# --- Current provinces ---------------------------------------------------------------------


def test_there_are_34_current_provinces_with_unique_slugs() -> None:
    """34 current provinces, each with a unique lowercase ASCII slug and code."""
    provinces = current_provinces()
    assert len(provinces) == 34
    assert len({p.slug for p in provinces}) == 34
    assert len({p.code for p in provinces}) == 34
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", p.slug) for p in provinces)


def test_current_provinces_are_sorted_the_vietnamese_way() -> None:
    """Provinces come in Vietnamese alphabetical order: `Cà Mau`, `Cần Thơ`, `Đà Nẵng`."""
    names = [p.name for p in current_provinces()]
    assert names == sorted(names, key=sort_key)
    assert names.index("Cà Mau") < names.index("Cần Thơ") < names.index("Đà Nẵng")


def test_province_fields() -> None:
    """Code, names, slug and a marker point inside Vietnam for a sample province."""
    lam_dong = province_by_slug("lam-dong")
    assert lam_dong == Province(
        code="68",
        name="Lâm Đồng",
        full_name="tỉnh Lâm Đồng",
        slug="lam-dong",
        latitude=lam_dong.latitude,
        longitude=lam_dong.longitude,
        former=("Bình Thuận", "Đắk Nông", "Lâm Đồng"),
    )
    assert province_by_slug("dak-lak").name == "Đắk Lắk"
    assert province_by_slug("hue").full_name == "thành phố Huế"


def test_province_markers_lie_in_vietnam() -> None:
    """Every province's marker point is within Vietnam's mainland bounding box."""
    for province in current_provinces():
        assert 8.4 < province.latitude < 23.4, province.name
        assert 102.1 < province.longitude < 109.5, province.name


def test_province_by_unknown_slug_suggests() -> None:
    """An unknown slug raises UnknownPlace with close slugs."""
    with pytest.raises(UnknownPlace) as caught:
        province_by_slug("lam-dongg")
    assert "lam-dong" in caught.value.suggestions


# --- Offline, fast, and in agreement with the package ------------------------------------


def test_resolution_never_touches_the_network(no_network: None) -> None:
    """Loading the data and resolving places works with every socket refused."""
    places.tables.load_tables.cache_clear()
    fresh = PlaceResolver()
    for args in [
        ("Bình Thuận", "Tuy Phong", "Phú Lạc"),
        ("Bắc Kạn", "Na Rì", "Kim Hỷ"),
        ("Quảng Ninh", "Tiên Yên", "Tiên Lãng"),
        ("TP. Hồ Chí Minh", "Quận 1", "Phường Bến Nghé"),
        ("Thừa Thiên Huế", "Phú Vang", None),
        ("Bà Rịa - Vũng Tàu", "Côn Đảo", None),
    ]:
        assert fresh.resolve(*args).province


def test_geocoding_code_is_never_imported() -> None:
    """Resolving reads the package's data without importing it (nor geopy, which geocodes)."""
    code = (
        "import sys\n"
        "from generator.places import PlaceResolver\n"
        "PlaceResolver().resolve('Bình Thuận', 'Tuy Phong', 'Phú Lạc')\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "assert not loaded & {'geopy', 'vietnamadminunits', 'shapely'}, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_every_old_commune_resolves_by_its_full_name(resolver: PlaceResolver) -> None:
    """All ~10,000 pre-reform communes, named in full, resolve to a current ward."""
    misses = [
        args
        for args in pre_reform_communes()
        if (place := resolver.resolve(*args)).ward is None or place.unresolved
    ]
    assert misses == []


def test_agrees_with_the_package_converter(no_network: None) -> None:
    """A sample of old communes converts as `vietnamadminunits.convert_address` converts them."""
    from vietnamadminunits import convert_address

    fresh = PlaceResolver()
    for province, district, commune in random.Random(7).sample(pre_reform_communes(), 300):
        theirs = convert_address(f"{commune}, {district}, {province}")
        place = fresh.resolve(province, district, commune)
        assert place.province.full_name.casefold() == theirs.province.casefold()
        assert (place.ward or "").casefold() == (theirs.ward or "").casefold()


def test_name_that_starts_like_a_type_is_not_cut(resolver: PlaceResolver) -> None:
    """`Xá Lượng` is a commune's name, not `xã Lượng`; with or without `xã` it is found."""
    for commune in ("Xá Lượng", "xã Xá Lượng"):
        place = resolver.resolve("Nghệ An", "Tương Dương", commune)
        assert place.as_named == "xã Xá Lượng, huyện Tương Dương, tỉnh Nghệ An"
        assert place.ward is not None


def test_ha_tay_is_now_part_of_ha_noi(resolver: PlaceResolver) -> None:
    """Hà Tây, merged into Hà Nội in 2008, still resolves, with its districts."""
    place = resolver.resolve("Hà Tây", "Hà Đông")
    assert place.province.name == "Hà Nội"
    assert place.old_province == "Hà Tây"
    assert place.display() == "quận Hà Đông, tỉnh Hà Tây (nay thuộc thành phố Hà Nội)"


# --- Places as editors write them after 1 July 2025 ---------------------------------------


@pytest.mark.parametrize(
    "commune", ["Phường Bắc Gia Nghĩa", "phuong Bac Gia Nghia", "Bắc Gia Nghĩa"]
)
def test_current_ward_under_its_former_province(resolver: PlaceResolver, commune: str) -> None:
    """A ward created in 2025, named under the province it lay in before, is found."""
    place = resolver.resolve("Đắk Nông", commune=commune)
    assert place.province.name == "Lâm Đồng"
    assert place.ward == "phường Bắc Gia Nghĩa"
    assert place.old_province == "Đắk Nông"
    assert place.unresolved is None
    assert place.display() == "phường Bắc Gia Nghĩa, tỉnh Đắk Nông (nay thuộc tỉnh Lâm Đồng)"


def test_2025_commune_under_its_old_province(resolver: PlaceResolver) -> None:
    """`xã Tuy Phong` (a commune since 2025) under `Bình Thuận`, with or without district."""
    for district in (None, "huyện Tuy Phong"):
        place = resolver.resolve("Bình Thuận", district, "xã Tuy Phong")
        assert place.province.name == "Lâm Đồng"
        assert place.ward == "xã Tuy Phong"
        assert place.unresolved is None


def test_current_ward_is_looked_for_only_where_it_lay(resolver: PlaceResolver) -> None:
    """A current ward of Lâm Đồng that lay in Đắk Nông is not taken under Bình Thuận."""
    place = resolver.resolve("Bình Thuận", commune="Phường Bắc Gia Nghĩa")
    assert place.ward is None
    assert place.unresolved == "phường Bắc Gia Nghĩa"
    assert place.unresolved_part == "commune"


def test_exact_current_name_wins_over_a_loose_old_one(resolver: PlaceResolver) -> None:
    """`phường Hồng Quang` is a current ward; before the reform there were two xã of that name."""
    place = resolver.resolve("Nam Định", commune="phường Hồng Quang")
    assert place.ward == "phường Hồng Quang"
    assert place.province.name == "Ninh Bình"


def test_every_current_ward_resolves_under_its_former_province(resolver: PlaceResolver) -> None:
    """Every current ward named under each province it took land from resolves to itself,
    unless an old commune of that province has the very same name (then that one is meant)."""
    tables = places.tables.load_tables()
    misses = []
    for key, old in tables.old_provinces.items():
        if key != old.legacy_key:
            continue
        old_names = {u.display for u in tables.old_wards[key].units.values()}
        for ward in tables.new_wards_from(key).units.values():
            place = resolver.resolve(old.display, None, ward.display)
            if place.unresolved or (place.ward != ward.display and ward.display not in old_names):
                misses.append((old.display, ward.display, place.ward))
    assert misses == []


def test_old_district_under_its_new_province(resolver: PlaceResolver) -> None:
    """`huyện Tuy Phong` (old Bình Thuận) under `Lâm Đồng`, the province it belongs to now."""
    place = resolver.resolve("Lâm Đồng", "huyện Tuy Phong", "xã Phú Lạc")
    assert place.ward == "xã Liên Hương"
    assert place.old_province == "Bình Thuận"
    assert place.unresolved is None
    assert place.display() == "xã Phú Lạc, huyện Tuy Phong, tỉnh Lâm Đồng (nay thuộc xã Liên Hương)"


def test_old_district_alone_under_its_new_province(resolver: PlaceResolver) -> None:
    """An old district alone under its new province resolves at province level, no warning."""
    place = resolver.resolve("Lâm Đồng", "Gia Nghĩa")
    assert place.province.name == "Lâm Đồng"
    assert place.old_province == "Đắk Nông"
    assert place.unresolved is None
    assert place.as_named == "thành phố Gia Nghĩa, tỉnh Lâm Đồng"


def test_old_commune_under_its_new_province(resolver: PlaceResolver) -> None:
    """An old commune of a merged province, named under the new one without district, is found."""
    place = resolver.resolve("Lâm Đồng", commune="xã Phú Lạc")
    assert place.ward == "xã Liên Hương"
    assert place.old_province == "Bình Thuận"


@pytest.mark.parametrize(
    "written",
    ["Sài Gòn", "Sai Gon", "SÀI GÒN", "Saigon", "TP. Sài Gòn", "Thành phố Sài Gòn", "HCMC"],
)
def test_saigon_is_ho_chi_minh_city(resolver: PlaceResolver, written: str) -> None:
    """The city's common name, with or without marks, is Hồ Chí Minh."""
    place = resolver.resolve(written)
    assert place.province.name == "Hồ Chí Minh"
    assert not place.changed


def test_saigon_with_its_old_district(resolver: PlaceResolver) -> None:
    """`Sài Gòn, Quận 1, Bến Nghé` resolves like the official name."""
    place = resolver.resolve("Sài Gòn", "Quận 1", "Bến Nghé")
    assert (
        place.ward == resolver.resolve("Hồ Chí Minh", "Quận 1", "Bến Nghé").ward == "phường Sài Gòn"
    )


def test_capital_by_its_common_name(resolver: PlaceResolver) -> None:
    """`Thủ đô Hà Nội` is Hà Nội."""
    assert resolver.resolve("Thủ đô Hà Nội").province.name == "Hà Nội"


def test_misspelt_common_name_suggests_the_city(resolver: PlaceResolver) -> None:
    """`Sài Gònn` suggests Hồ Chí Minh first, not a province that merely looks alike."""
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("Sài Gònn")
    assert caught.value.suggestions[0] == "Hồ Chí Minh"
    assert (
        str(caught.value) == "không tìm thấy địa danh `Sài Gònn`; có phải ý bạn là `Hồ Chí Minh`?"
    )


def test_misspelt_current_ward_suggestions_come_from_its_province(
    resolver: PlaceResolver,
) -> None:
    """A misspelt current ward suggests the closest names within the former province first."""
    place = resolver.resolve("Đắk Nông", commune="Phường Bắc Gia Nghiaa")
    assert place.unresolved_part == "commune"
    assert place.suggestions[0] == "phường Bắc Gia Nghĩa"
    former = places.tables.load_tables()
    known = set(former.old_wards["tinhdaknong"].names().values())
    known |= set(former.new_wards_from("tinhdaknong").names().values())
    assert set(place.suggestions) <= known


def test_misspelt_old_district_under_new_province_is_suggested(resolver: PlaceResolver) -> None:
    """`huyện Tuy Phongg` under Lâm Đồng suggests Bình Thuận's huyện Tuy Phong, on the district."""
    place = resolver.resolve("Lâm Đồng", "huyện Tuy Phongg")
    assert place.unresolved == "huyện Tuy Phongg"
    assert place.unresolved_part == "district"
    assert place.suggestions == ("huyện Tuy Phong",)


def test_unresolved_part_is_the_commune_when_both_fail(resolver: PlaceResolver) -> None:
    """With district and commune unknown, the commune's suggestions (and line) are given."""
    place = resolver.resolve("Bình Thuận", "huyện Tuy Phongg", "xã Phú Lạcc")
    assert place.unresolved == "xã Phú Lạcc, huyện Tuy Phongg"
    assert place.unresolved_part == "commune"
    assert "xã Phú Lạc" in place.suggestions


def test_old_communes_are_built_one_province_at_a_time():
    """A province's pre-reform communes are built when first asked for, the rest not."""
    wards = places.tables._OldWards(places.tables._load("parser_legacy.json"))
    lam_dong = wards["tinhlamdong"]
    assert list(wards) == ["tinhlamdong"]
    assert lam_dong.units == places.tables.load_tables().old_wards["tinhlamdong"].units
    with pytest.raises(KeyError):
        wards["tinhkhongco"]


def test_old_commune_data_is_let_go_once_every_province_is_built():
    """After the last province the raw JSON is dropped, and every commune is there."""
    legacy = places.tables._load("parser_legacy.json")
    wards = places.tables._OldWards(legacy)
    for key in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"]:
        assert wards[key].units
    assert wards._raw is None
    assert sum(len(lookup.units) for lookup in wards.values()) == len(
        places.tables.pre_reform_communes()
    )
