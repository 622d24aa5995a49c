"""Links written in story and book Markdown → content paths, one function for every reader."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from PIL import Image

from generator.book.document import Markdown
from generator.book.fragments import Fragments, Media
from generator.links import LinkProblem, content_link, is_local, source_path
from generator.pipeline import run
from generator.site.images import Variant, WebImage
from generator.site.pages import body_images, plan_site
from generator.site.render import SiteRenderer
from tests.conftest import check
from tests.site_support import REPO

STORY = PurePosixPath("stories/bai.md")
VIETNAMESE = "ảnh đẹp.png"
ENCODED = "../images/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.png"  # as CommonMark tools write it


def test_percent_encoding_is_decoded() -> None:
    """A percent-encoded Vietnamese name with a space names the file as it is on disk."""
    assert content_link(ENCODED, STORY).path == "images/ảnh đẹp.png"


def test_plain_and_angle_bracket_forms_name_the_same_file() -> None:
    """Written as is, the same target gives the same path."""
    assert content_link("../images/ảnh đẹp.png", STORY).path == "images/ảnh đẹp.png"


def test_fragment_and_query_are_not_part_of_the_path() -> None:
    """`#phan-2` is kept apart, decoded; a query is dropped."""
    link = content_link("../people/an.yml?x=1#ph%E1%BA%A7n", STORY)
    assert (link.path, link.fragment) == ("people/an.yml", "phần")


@pytest.mark.parametrize(
    "written",
    ["../../etc/passwd", "../images/a.jpg/", "..\\images\\a.jpg", "../images/a%00.jpg", "/etc/x"],
)
def test_targets_that_name_no_content_file_are_refused(written: str) -> None:
    """Outside content/, a folder, Windows separators, control characters, absolute paths."""
    with pytest.raises(LinkProblem):
        content_link(written, STORY)


@pytest.mark.parametrize(
    "written", ["https://a.vn/x.jpg", "HTTPS://a.vn/", "//a.vn/x", "mailto:a@b.vn", "#muc", ""]
)
def test_other_targets_are_not_local(written: str) -> None:
    """Schemes in any case, host-relative URLs, fragments and nothing are not content files."""
    assert not is_local(written)


def test_source_outside_the_content_folder_is_refused(tmp_path: Path) -> None:
    """A Markdown file is read only from inside the content folder."""
    with pytest.raises(LinkProblem):
        source_path(tmp_path / "content", tmp_path / "other.md")


def _vietnamese_image_story(root: Path) -> None:
    Image.new("RGB", (40, 30), "red").save(root / "images" / VIETNAMESE)
    story = root / "stories" / "nguoi-thay-vung-cao.md"
    story.write_text(
        story.read_text(encoding="utf-8")
        + f"\n![Ảnh]({ENCODED})\n\n![Ảnh 2](<../images/{VIETNAMESE}>)\n",
        encoding="utf-8",
    )


def test_check_finds_percent_encoded_vietnamese_image(mini: Path) -> None:
    """`check` accepts a story image written percent-encoded when the file exists."""
    _vietnamese_image_story(mini)
    outcome, lines = check(mini)
    assert outcome.index is not None, lines


def test_site_and_book_map_the_image_check_accepted(mini: Path) -> None:
    """The site plans and shows the prepared copy; the book names the same content file."""
    _vietnamese_image_story(mini)
    index = run(mini).index
    assert index is not None
    story = index.story_by_id["nguoi-thay-vung-cao"]
    assert f"images/{VIETNAMESE}" in list(body_images(index, story))
    plan = plan_site(index, "")
    prepared = {
        rel: WebImage(Variant(f"web/{rel}", 4, 3), Variant(f"thumb/{rel}", 2, 1))
        for rel in plan.images
    }
    renderer = SiteRenderer(index, plan, REPO / "theme" / "guongsang", prepared)
    html = renderer.render(plan.pages["bai-viet/nguoi-thay-vung-cao/index.md"])
    assert html.count(f'src="../../web/images/{VIETNAMESE}"') == 2
    seen: list[str] = []

    def image(rel: str) -> str:
        seen.append(rel)
        return rel

    media = Media(image=image, anchor=str, footnotes="endnotes", method="xml")
    Fragments(index.root, {}, media).render(Markdown(story.body, story.path, "b"))
    assert seen.count(f"images/{VIETNAMESE}") == 2


def test_picture_refuses_an_unprepared_image(mini: Path) -> None:
    """With prepared images, one the plan did not prepare is an error, not the original."""
    index = run(mini).index
    assert index is not None
    renderer = SiteRenderer(index, plan_site(index, ""), REPO / "theme" / "guongsang", {})
    with pytest.raises(LookupError):
        renderer.picture("images/anh-mau.png")
