"""Ghostscript, the printing trade's colour engine, called as a command (it is AGPL).

It converts WeasyPrint's RGB output to the press's inks and writes the PDF/X-1a structure:
DeviceGray or DeviceCMYK only, no transparency (PDF 1.3 flattens it), every font embedded,
and the output intent below.

The output intent is Ghostscript's own CMYK profile from Debian's `ghostscript` package
(`default_cmyk.icc`, "Artifex CMYK SWOP Profile"), a characterisation of SWOP coated web
offset printing (CGATS TR 001, registered with the ICC). It is the profile Ghostscript
converts with, so what the file declares is what its colours were made for. Debian ships
no FOGRA39 ICC profile (icc-profiles-free has only FOGRA's measurement data).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.book.errors import BookError

PRESS_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
OUTPUT_CONDITION_ID = "CGATS TR 001"
OUTPUT_CONDITION = "SWOP (Artifex CMYK SWOP Profile, Ghostscript)"
PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"
Strategy = Literal["Gray", "CMYK"]
PageRange = tuple[int, int]  # first and last page, 1-based, inclusive
# Below this many pages a range is not worth another Ghostscript: each one reads the whole
# file's structure and fonts before its first page.
MIN_RANGE_PAGES = 48

_INK_LINE = re.compile(r"^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK\s+OK", re.M)

_PDFX_DEF = """%!
% PDF/X-1a:2001 for Guong sang, written for each run (Ghostscript's lib/PDFX_def.ps, adapted).
[ /GTS_PDFXVersion ({version}) /GTS_PDFXConformance ({conformance}) /Trapped /False
  /DOCINFO pdfmark
[/_objdef {{icc_PDFX}} /type /stream /OBJ pdfmark
[{{icc_PDFX}} << /N 4 >> /PUT pdfmark
[{{icc_PDFX}} ({profile}) (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFX}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFX}} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ({condition})
  /OutputConditionIdentifier ({identifier})
  /RegistryName (http://www.color.org)
  /Info ({condition})
  /DestOutputProfile {{icc_PDFX}}
>> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFX}} ] >> /PUT pdfmark
"""


@dataclass(frozen=True, slots=True)
class Ink:
    """Share of the page each ink touches, as Ghostscript's `inkcov` device measures it."""

    c: float
    m: float
    y: float
    k: float

    @property
    def colour(self) -> bool:
        return max(self.c, self.m, self.y) > 0


def cores() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer)."""
    return len(os.sched_getaffinity(0))


def page_ranges(pages: int, parts: int) -> list[PageRange]:
    """`pages` cut into at most `parts` consecutive ranges of about equal length, each of at
    least `MIN_RANGE_PAGES` pages (one range for a short book)."""
    count = max(1, min(parts, pages // MIN_RANGE_PAGES))
    bounds = [round(i * pages / count) for i in range(count + 1)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(count)]


def _range_args(pages: PageRange | None) -> list[str]:
    return [] if pages is None else [f"-dFirstPage={pages[0]}", f"-dLastPage={pages[1]}"]


def gs_binary() -> str:
    found = shutil.which("gs")
    if found is None:
        raise BookError(
            "thiếu Ghostscript (`gs`) để làm tệp in; hãy cài gói Debian `ghostscript` "
            "(chạy `bash .ci/setup` với quyền root)"
        )
    return found


def installed_profile(path: Path, what: str) -> Path:
    """`path`, an ICC profile the Debian `ghostscript` package installs, if it is there."""
    if not path.is_file():
        raise BookError(
            f"thiếu {what} `{path}`; hãy cài gói Debian `ghostscript` "
            "(chạy `bash .ci/setup` với quyền root)"
        )
    return path


def profile() -> Path:
    return installed_profile(PRESS_PROFILE, "hồ sơ màu in")


def _ps_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdfx_definition(profile_path: Path) -> str:
    return _PDFX_DEF.format(
        version=PDFX_VERSION,
        conformance=PDFX_CONFORMANCE,
        profile=_ps_string(str(profile_path)),
        condition=_ps_string(OUTPUT_CONDITION),
        identifier=OUTPUT_CONDITION_ID,
    )


@dataclass(slots=True)
class Job:
    """A Ghostscript run in the background, so the book can go on with other work."""

    process: subprocess.Popen[str]
    what: str
    cleanup: Path | None = None

    def wait(self) -> tuple[str, str]:
        out, err = self.process.communicate()
        if self.cleanup is not None:
            self.cleanup.unlink(missing_ok=True)
        if self.process.returncode != 0:
            detail = (err or out).strip().splitlines()[-3:]
            raise BookError(f"Ghostscript không {self.what}: {' '.join(detail)}")
        return out, err

    def stop(self) -> None:
        """End a run whose result is no longer wanted (the build failed elsewhere)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        if self.cleanup is not None:
            self.cleanup.unlink(missing_ok=True)


# Rendering a page (`inkcov`), Ghostscript frees its page buffers and glibc hands the top of
# the heap back to the system, only to fault it in again for the next page: on 500 pages that
# was 1.2 s of system time (467,000 page faults) against 1.6 s of work. Keeping 64 MB of
# padding at the heap top removes nearly all of it; memory actually used does not change.
_MALLOC_TOP_PAD = str(64 * 1024 * 1024)


def _start(args: list[str], what: str, cleanup: Path | None = None) -> Job:
    # Ghostscript honours SOURCE_DATE_EPOCH for its dates, so the environment is passed on.
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MALLOC_TOP_PAD_": _MALLOC_TOP_PAD},
    )
    return Job(process, what, cleanup)


def start_pdfx(
    source: Path, target: Path, strategy: Strategy, pages: PageRange | None = None
) -> Job:
    """Begin `source` (or its `pages`) → `target` as PDF/X-1a in `strategy`'s inks;
    `finish_pdfx` waits."""
    icc = profile()
    definition = target.with_name(f"{target.stem}-pdfx-def.ps")
    definition.write_text(pdfx_definition(icc), encoding="ascii")
    return _start(
        [
            gs_binary(),
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            f"--permit-file-read={icc}",
            "-sDEVICE=pdfwrite",
            "-dPDFX",
            "-dCompatibilityLevel=1.3",
            f"-sColorConversionStrategy={strategy}",
            f"-sProcessColorModel=Device{strategy}",
            # To one ink, device arithmetic gives what the ICC path gives (K = grey) at about
            # 30 % less time; CMYK output keeps ICC conversion for the photos' colours.
            *(["-dUseFastColor=true"] if strategy == "Gray" else []),
            "-dEmbedAllFonts=true",
            "-dSubsetFonts=true",
            "-dAutoRotatePages=/None",
            "-dPreserveAnnots=false",  # links: PDF/X allows no annotations on pages
            *_range_args(pages),
            f"-sOutputFile={target}",
            str(definition),
            str(source),
        ],
        "chuyển được tệp in sang PDF/X",
        cleanup=definition,
    )


def finish_pdfx(job: Job) -> None:
    """Wait for the conversion; any word from Ghostscript fails it."""
    out, err = job.wait()
    complaint = (out + err).strip()
    if complaint:
        # "reverting to normal PDF output" and the like: never ship a file that only claims X.
        raise BookError(f"Ghostscript không tạo được PDF/X hợp lệ: {complaint[:400]}")


def start_ink(pdf: Path, pages: PageRange | None = None) -> Job:
    """Begin measuring C, M, Y, K coverage of every page, or of `pages` (`inkcov` device,
    at 50 dpi)."""
    return _start(
        [
            gs_binary(),
            "-q",
            "-dSAFER",
            "-r50",
            *_range_args(pages),
            "-o",
            "-",
            "-sDEVICE=inkcov",
            str(pdf),
        ],
        "đo được mực in từng trang",
    )


def finish_ink(job: Job) -> tuple[list[Ink], str]:
    """The inks per page, and what Ghostscript said while it read every page."""
    out, err = job.wait()
    inks = [Ink(*(float(v) for v in match.groups())) for match in _INK_LINE.finditer(out)]
    said = "\n".join(
        line
        for line in (out + "\n" + err).splitlines()
        if line.strip() and not _INK_LINE.match(line)
    )
    return inks, said


def ink_per_page(pdf: Path) -> list[Ink]:
    return finish_ink(start_ink(pdf))[0]


def open_messages(pdf: Path) -> str:
    """What Ghostscript says when it reads every page of `pdf`: empty for a sound file."""
    result = subprocess.run(
        [gs_binary(), "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage", str(pdf)],
        capture_output=True,
        text=True,
        env={**os.environ, "MALLOC_TOP_PAD_": _MALLOC_TOP_PAD},
    )
    return (result.stdout + result.stderr).strip()
