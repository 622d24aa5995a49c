"""The `guongsang` command line: check, new, schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.fields import PartialDate
from generator.scaffold import ScaffoldError, scaffold
from tests.conftest import check

REPO = Path(__file__).resolve().parent.parent


def test_check_passes_on_bundled_content(capsys: pytest.CaptureFixture[str]) -> None:
    """The sample content in content/ has no errors."""
    assert main(["check", "--content", str(REPO / "content")]) == 0
    assert "lỗi:" not in capsys.readouterr().out


def test_check_exits_1_and_prints_every_error(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Errors in two files are all printed as path:line:col lines, and the exit code is 1."""
    (mini / "people" / "a.yml").write_text("name: A\n", encoding="utf-8")
    (mini / "people" / "b.yml").write_text("name: B\nname: C\n", encoding="utf-8")
    assert main(["check", "--content", str(mini)]) == 1
    out = capsys.readouterr().out
    assert ":1:1: lỗi: thiếu khóa bắt buộc `summary`" in out
    assert "b.yml:2:1: lỗi: khóa `name` bị lặp lại" in out


def test_check_github_format_prints_annotations(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format github` prints ::error annotations with file, line and column."""
    (mini / "people" / "b.yml").write_text("name: B\nname: C\n", encoding="utf-8")
    main(["check", "--content", str(mini), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("::error file=") and "b.yml,line=2,col=1::khóa `name` bị lặp lại" in line
        for line in lines
    )


def test_github_annotation_escapes_newlines_and_commas() -> None:
    """Annotation properties and messages are escaped per GitHub's command syntax."""
    from generator.diagnostics import Diagnostic, Position, format_github

    line = format_github(Diagnostic(Path("a,b:c.yml"), Position(3, 4), "dòng 1\ndòng 2 100%"))
    assert line == "::error file=a%2Cb%3Ac.yml,line=3,col=4::dòng 1%0Adòng 2 100%25"


def test_python_m_generator_runs() -> None:
    """`python -m generator check` works like the console script."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(REPO / "content")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_program_exit_keeps_its_code_and_all_output(mini: Path) -> None:
    """The program's fast exit keeps the exit status and flushes every line written."""
    for n in range(40):
        (mini / "people" / f"hong-{n}.yml").write_text("name: [\n", encoding="utf-8")
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(mini)],
        capture_output=True,
        text=True,
        check=False,
        env=buffered,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert sum("lỗi:" in line for line in lines) >= 40
    assert "Hãy sửa các lỗi trên rồi chạy lại." in result.stderr.splitlines()[-1]


def test_new_person_writes_folded_id_and_never_overwrites(tmp_path: Path) -> None:
    """`new person` folds the name to an ASCII id (đ→d) and refuses to overwrite."""
    path = scaffold(tmp_path, "person", "Đặng Thùy Trâm")
    assert path == tmp_path / "people" / "dang-thuy-tram.yml"
    assert 'name: "Đặng Thùy Trâm"' in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError):
        scaffold(tmp_path, "person", "Đặng Thùy Trâm")


def test_new_refuses_an_id_taken_by_another_kind(tmp_path: Path) -> None:
    """A story cannot take the id of an existing person."""
    scaffold(tmp_path, "person", "Nguyễn Văn An")
    with pytest.raises(ScaffoldError, match="nguyen-van-an"):
        scaffold(tmp_path, "story", "Nguyễn Văn An")


@pytest.mark.parametrize("kind", ["person", "collective", "story"])
def test_new_file_lists_every_model_key(tmp_path: Path, kind: str) -> None:
    """Every key of the model appears in the template, used or commented."""
    from generator.models import Collective, Person, StoryMeta

    model = {"person": Person, "collective": Collective, "story": StoryMeta}[kind]
    text = scaffold(tmp_path, kind, "Tên thử", story_date=PartialDate(2026, 1, 2)).read_text(
        encoding="utf-8"
    )
    for key in model.model_fields:
        assert f"{key}:" in text, key


@pytest.mark.parametrize("kind", ["person", "collective", "story"])
def test_filled_template_passes_check(mini: Path, kind: str) -> None:
    """A template with its required blanks filled in passes `check`."""
    path = scaffold(mini, kind, "Hội Phụ nữ xã Thử", story_date=PartialDate(2026, 1, 2))
    text = path.read_text(encoding="utf-8")
    filled = {
        r'summary: ""': 'summary: "Một tấm gương."',
        r'type: ""': 'type: "Chi hội phụ nữ"',
        r'province: ""': 'province: "Cao Bằng"',
        r'(fields:[^\n]*\n)  - ""': r"\1  - giao-duc",
        r'(subjects:[^\n]*\n)  - ""': r"\1  - nguyen-trung-tuyen",
        r'publisher: ""': 'publisher: "Báo Cao Bằng"',
        r'lead: ""': 'lead: "Sa-pô."',
        r"Chèn ảnh: .*": "",
    }
    for pattern, replacement in filled.items():
        text = re.sub(pattern, replacement, text)
    path.write_text(text, encoding="utf-8")
    outcome, lines = check(mini)
    assert not outcome.report.errors, lines


def test_new_prints_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI prints where the new file was written."""
    assert main(["new", "collective", "Huyện đoàn Tuy Phong", "--content", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith("collectives/huyen-doan-tuy-phong.yml")


def test_schema_writes_draft07_with_vietnamese_descriptions(tmp_path: Path) -> None:
    """`schema` writes draft-07 schemas whose properties carry Vietnamese descriptions."""
    assert main(["schema", "--out", str(tmp_path)]) == 0
    person = json.loads((tmp_path / "person.schema.json").read_text(encoding="utf-8"))
    assert person["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert person["additionalProperties"] is False
    assert person["properties"]["summary"]["description"].startswith("Tóm tắt")
    assert "$defs" not in json.dumps(person)
    taxonomy = json.loads((tmp_path / "taxonomy.schema.json").read_text(encoding="utf-8"))
    assert taxonomy["type"] == "array"


def test_schema_lists_the_content_ids(mini: Path) -> None:
    """`schema --content` lists field ids with their names and accepts any well-formed subject."""
    out = mini.parent / "schemas"
    assert main(["schema", "--content", str(mini), "--out", str(out)]) == 0
    person = json.loads((out / "person.schema.json").read_text(encoding="utf-8"))
    fields = person["properties"]["fields"]["items"]
    assert fields["enum"][fields["enumDescriptions"].index("Giáo dục")] == "giao-duc"
    story = json.loads((out / "story.schema.json").read_text(encoding="utf-8"))
    subjects = story["properties"]["subjects"]["items"]["anyOf"]
    assert "nguyen-trung-tuyen" in subjects[0]["enum"]
    assert "null" not in json.dumps(person)


def test_vscode_settings_map_schemas_to_content_folders() -> None:
    """.vscode/settings.json maps each schema to its content folder."""
    from generator.schema import vscode_yaml_schemas

    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == vscode_yaml_schemas()


FORGED = "ghi-chu\n::error file=cli.py,line=1::gia mao\r\n\u202e.txt"


def test_check_output_cannot_forge_a_workflow_command(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name holding a newline and `::error …` stays inside one printed line, in
    text and in GitHub format; bidi controls and bytes that are not UTF-8 are shown escaped."""
    (mini / "people" / FORGED).write_text("x", encoding="utf-8")
    (mini / "people" / os.fsdecode(b"\xff.txt")).write_text("x", encoding="utf-8")
    for fmt in ("text", "github"):
        assert main(["check", "--content", str(mini), "--format", fmt]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 2
        assert not any(line.startswith("::error file=cli") for line in lines)
        assert not any("\u202e" in line or "\r" in line for line in lines)
        assert any("\\xff.txt" in line for line in lines)
    assert all(line.startswith("::warning file=") for line in lines)
    assert any(
        "ghi-chu%0A%3A%3Aerror file=cli.py%2Cline=1%3A%3Agia mao%0D%0A\\u202e" in line
        for line in lines
    )


def test_build_warnings_cannot_forge_a_workflow_command(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`guongsang build` prints content warnings on single lines too."""
    (mini / "people" / FORGED).write_text("x", encoding="utf-8")
    config = str(REPO / "mkdocs.yml")
    out = tmp_path / "site"
    assert main(["build", "--content", str(mini), "--out", str(out), "--config-file", config]) == 0
    printed = capsys.readouterr()
    lines = (printed.out + printed.err).splitlines()
    assert not any(line.lstrip().startswith("::") for line in lines)
    assert any("ghi-chu\\n::error file=" in line for line in lines)


def test_new_story_without_date_fails_check_at_the_date(mini: Path) -> None:
    """`new story` leaves the date empty (never today's), so `check` asks for it at its line."""
    path = scaffold(mini, "story", "Bài chưa có ngày")
    text = path.read_text(encoding="utf-8")
    date_line = text.split("\n").index('date: ""') + 1
    _outcome, lines = check(mini)
    assert any(f"bai-chua-co-ngay.md:{date_line}:7: lỗi: `date`" in line for line in lines), lines


def test_new_story_takes_date_and_short_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--date 2024-01` fills a partial date, `--id` names the file."""
    argv = ["new", "story", "Một tiêu đề rất dài", "--id", "bai-ngan", "--date", "2024-01"]
    assert main([*argv, "--content", str(tmp_path)]) == 0
    path = tmp_path / "stories" / "bai-ngan.md"
    assert capsys.readouterr().out.strip().endswith("stories/bai-ngan.md")
    assert "\ndate: 2024-01\n" in path.read_text(encoding="utf-8")


def test_new_refuses_a_bad_id_or_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad `--id` or `--date` is refused in Vietnamese, and nothing is written."""
    assert main(["new", "story", "Bài", "--id", "Bài Ngắn", "--content", str(tmp_path)]) == 1
    assert "mã `Bài Ngắn` chỉ được gồm" in capsys.readouterr().err
    assert main(["new", "story", "Bài", "--date", "18/01/2024", "--content", str(tmp_path)]) == 1
    assert "`2024-01-18`" in capsys.readouterr().err
    assert not (tmp_path / "stories").exists()


@pytest.mark.parametrize("kind", ["person", "collective", "story"])
def test_template_puts_no_comment_after_a_value(tmp_path: Path, kind: str) -> None:
    """Filling in any line of a template, commented key or not, cannot be cut by a ` #` hint."""
    text = scaffold(tmp_path, kind, "Tên thử").read_text(encoding="utf-8")
    for line in text.split("\n"):
        key_line = re.match(r"^\s*#?\s*-?\s*[a-z_]+:\s*(.*)$", line)
        if key_line is not None:
            assert " #" not in key_line[1], line


@pytest.mark.parametrize("folder", ["people", "taxonomies"])
def test_a_symlinked_folder_is_refused_before_reading(
    mini: Path, tmp_path: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `people/` or `taxonomies/` that links outside content/ is an error, and nothing
    from the outside files (their keys, their names) appears in the report."""
    outside = tmp_path / "ngoai"
    shutil.move(mini / folder, outside)
    for name in ("fields.yml", "ngoai.yml"):
        (outside / name).write_text("khoa_bi_mat_ben_ngoai: Tên bên ngoài\n", encoding="utf-8")
    (mini / folder).symlink_to(outside, target_is_directory=True)
    assert main(["check", "--content", str(mini)]) == 1
    out = capsys.readouterr().out
    assert f"{folder}:1:1: lỗi: không dùng liên kết tượng trưng (symlink)" in out
    assert "bi_mat" not in out
    assert "bên ngoài" not in out
