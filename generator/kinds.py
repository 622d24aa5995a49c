"""The content kinds of DESIGN §2, in one table.

The loader, `guongsang new`, `guongsang diff`, the index, the site, the schema and the theme
all read this table: adding a kind, or renaming its folder, label or URL, is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from generator.models import Book, Collective, Person, StoryMeta, TaxonomyEntry

__all__ = [
    "BOOK",
    "COLLECTIVE",
    "FOLDERS",
    "IMAGES",
    "KINDS",
    "PAGE_KINDS",
    "PERSON",
    "RECORD_KINDS",
    "SCAFFOLD_KINDS",
    "STORY",
    "TAXONOMY",
    "TAXONOMY_FILES",
    "ContentKind",
    "by_folder",
    "by_name",
]


@dataclass(frozen=True, slots=True)
class ContentKind:
    """One kind of content file and everything that is said about it elsewhere."""

    name: str  # the kind's id in code, on the command line and in schema file names
    folder: str  # under content/; also the attribute of `load.Content` that holds them
    suffix: str
    model: type[BaseModel]
    label: str  # what readers and editors call one of them
    schema_title: str  # the title of its JSON Schema
    url_segment: str | None = None  # first segment of its pages' URLs; None: no pages
    front_matter: bool = False  # YAML between `---` lines, then a Markdown body
    listed: bool = False  # the file is a list of models, not one
    scaffold: bool = False  # `guongsang new` writes a template for it (generator.scaffold)

    @property
    def glob(self) -> str:
        """Where its files are, as the editor's YAML schemas mapping writes it."""
        return f"content/{self.folder}/*{self.suffix}"


PERSON = ContentKind(
    "person",
    "people",
    ".yml",
    Person,
    "Cá nhân",
    "Hồ sơ cá nhân",
    url_segment="ca-nhan",
    scaffold=True,
)
COLLECTIVE = ContentKind(
    "collective",
    "collectives",
    ".yml",
    Collective,
    "Tập thể",
    "Hồ sơ tập thể",
    url_segment="tap-the",
    scaffold=True,
)
STORY = ContentKind(
    "story",
    "stories",
    ".md",
    StoryMeta,
    "Bài viết",
    "Thông tin đầu bài viết (front matter)",
    url_segment="bai-viet",
    front_matter=True,
    scaffold=True,
)
BOOK = ContentKind("book", "books", ".yml", Book, "Sách", "Định nghĩa sách")
TAXONOMY = ContentKind(
    "taxonomy",
    "taxonomies",
    ".yml",
    TaxonomyEntry,
    "Danh mục",
    "Danh mục (lĩnh vực, phong trào)",
    listed=True,
)

KINDS: tuple[ContentKind, ...] = (PERSON, COLLECTIVE, STORY, BOOK, TAXONOMY)
RECORD_KINDS: tuple[ContentKind, ...] = (PERSON, COLLECTIVE)  # profiles: people, collectives
PAGE_KINDS: tuple[ContentKind, ...] = tuple(k for k in KINDS if k.url_segment)
SCAFFOLD_KINDS: tuple[ContentKind, ...] = tuple(k for k in KINDS if k.scaffold)
# The taxonomy files have fixed names; each is also the `load.Content` attribute it fills.
TAXONOMY_FILES: tuple[str, ...] = ("fields", "movements")
IMAGES = "images"
FOLDERS: frozenset[str] = frozenset({*(k.folder for k in KINDS), IMAGES})

_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_FOLDER = {kind.folder: kind for kind in KINDS}


def by_name(name: str) -> ContentKind:
    return _BY_NAME[name]


def by_folder(folder: str) -> ContentKind | None:
    return _BY_FOLDER.get(folder)
