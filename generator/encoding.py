"""What to tell an editor whose file is not UTF-8, in the words their editor's menu uses."""

from __future__ import annotations

import codecs


def looks_utf16(raw: bytes) -> bool:
    """A BOM, or the NUL in every other byte that UTF-16 gives Latin letters."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = raw[:400]
    return len(sample) >= 8 and sample.count(0) * 3 >= len(sample)


def not_utf8_message(raw: bytes) -> str:
    if looks_utf16(raw):
        # Notepad's "Unicode" *is* UTF-16, so naming "Unicode" would send the editor back to it.
        return (
            "tệp không phải mã UTF-8: tệp đang lưu ở bảng mã UTF-16 (Notepad gọi là “Unicode”); "
            "hãy mở tệp, chọn Lưu thành (Save As), ở ô Mã hóa (Encoding) chọn “UTF-8” rồi lưu lại"
        )
    return (
        "tệp không phải mã UTF-8 (có thể đang lưu bằng bảng mã cũ như TCVN3, VNI hay "
        "Windows-1258); hãy lưu lại với bảng mã “UTF-8”: trong Notepad chọn Lưu thành (Save As), "
        "ô Mã hóa (Encoding) chọn “UTF-8”"
    )
