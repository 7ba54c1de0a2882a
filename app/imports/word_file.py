"""Opening a Word file that may be anything: the wrong format, damaged, encrypted, enormous.

Every way a file can fail to open is a :class:`SourceError` with a sentence naming the file
and what to do, decided from the file's first bytes and its zip directory before python-docx
sees it, so that a user who picked a workbook or a password-protected report is told so
rather than that the file is "damaged".
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx

from app.imports.source import SourceError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, .xls, or encrypted
UNPACKED_LIMIT = 200_000_000  # bytes of XML; a real report's document.xml is a few MB
OTHER_FORMATS = {
    b"%PDF": "a PDF document",
    b"{\\rtf": "a rich-text (RTF) document",
    b"SQLite format 3\x00": "a Programme Tracker or other SQLite file",
}


def describe(path: Path) -> str:
    return f"“{path.name}”"


def read_bytes(path: Path) -> bytes:
    name = describe(path)
    if not path.exists():
        raise SourceError(f"{name} does not exist.")
    if path.is_dir():
        raise SourceError(f"{name} is a folder, not a Word document.")
    try:
        data = path.read_bytes()
    except PermissionError as error:
        raise SourceError(f"{name} cannot be read: permission was refused.") from error
    except OSError as error:
        raise SourceError(f"{name} cannot be read: {error.strerror or error}.") from error
    if not data:
        raise SourceError(f"{name} is empty (0 bytes), so it is not a Word document.")
    return data


def _compound(name: str, data: bytes) -> SourceError:
    """An OLE compound file: Office's password-protected files are one (the encrypted
    package inside a stream named "EncryptedPackage"), and so are Word 97–2003 documents.
    The directory's names are UTF-16, so a look for them needs no OLE library."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return SourceError(
            f"{name} is protected by a password, so it cannot be read. Open it in Word, "
            "remove the password (File ▸ Info ▸ Protect Document ▸ Encrypt with Password) "
            "and save it, then read it again."
        )
    if "WordDocument".encode("utf-16-le") in data:
        return SourceError(
            f"{name} is an old-style Word document (Word 97–2003). Open it in Word and save "
            "it as a Word document (.docx), then read that."
        )
    return SourceError(
        f"{name} is not a Word document (.docx): it looks like an old-style Excel or "
        "PowerPoint file."
    )


def _check_zip(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = {info.filename: info.file_size for info in package.infolist()}
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as error:
        raise SourceError(
            f"{name} is damaged or incomplete, so it cannot be read as a Word document."
        ) from error
    if "word/document.xml" not in entries:
        if "xl/workbook.xml" in entries:
            raise SourceError(
                f"{name} is not a Word document: it is an Excel workbook. "
                "Read it as a spreadsheet instead."
            )
        if "ppt/presentation.xml" in entries:
            raise SourceError(f"{name} is not a Word document: it is a PowerPoint presentation.")
        if "[Content_Types].xml" not in entries:
            raise SourceError(f"{name} is not a Word document (.docx): it is a zip archive.")
    unpacked = sum(size for entry, size in entries.items() if entry.endswith(".xml"))
    if unpacked > UNPACKED_LIMIT:
        raise SourceError(
            f"{name} is too large to read: its text is {unpacked / 1e6:,.0f} MB once "
            f"unpacked, and the most read is {UNPACKED_LIMIT / 1e6:,.0f} MB."
        )


def open_document(path: Path) -> Any:
    """python-docx's ``Document`` for a file, or a :class:`SourceError` saying why not."""
    name = describe(path)
    data = read_bytes(path)
    if data.startswith(OLE_MAGIC):
        raise _compound(name, data)
    if not data.startswith(b"PK"):
        what = next((label for magic, label in OTHER_FORMATS.items() if data.startswith(magic)), "")
        detail = f": it looks like {what}" if what else ""
        raise SourceError(f"{name} is not a Word document (.docx){detail}.")
    _check_zip(name, data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:
        # python-docx raises whatever its parts meet in a damaged package (KeyError for a
        # missing part, ValueError for a wrong content type, lxml's XMLSyntaxError, zlib and
        # zipfile errors, its own exceptions): each means the file, not this program, is bad.
        raise SourceError(
            f"{name} is damaged or incomplete, so it cannot be read as a Word document."
        ) from error
