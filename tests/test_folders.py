"""Folders as people keep them: notes beside the reports are not reports, and every
file a folder build leaves out is named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardgraph.build.runner import FileSelection, select_files
from boardgraph.cli import main

REPORT = (
    "Report of the Chair\n\nCllr Mary Quarrie met with Cllr Tom Askew to discuss the new "
    "library in Ambridge.\n\nCllr Mary Quarrie\nChair\n"
)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "minutes"
    (root / "drafts").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "2019-05-01.txt").write_text(REPORT, encoding="utf-8")
    (root / "drafts" / "2019-06-01.txt").write_text(REPORT, encoding="utf-8")
    (root / "README.md").write_text("# Minutes of the parish\n\nCollected by Jo Bloggs.\n", encoding="utf-8")
    (root / "SOURCES.md").write_text("Sources: Ambridge Parish Council website.\n", encoding="utf-8")
    (root / "drafts" / "License.txt").write_text("CC BY 4.0\n", encoding="utf-8")
    (root / "notes.rtf").write_text("{\\rtf1 notes}", encoding="utf-8")
    (root / ".hidden.txt").write_text(REPORT, encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return root


def _names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_notes_beside_reports_are_left_out_with_reasons(folder: Path) -> None:
    files, left_out = select_files([folder])
    assert _names(files, folder) == ["2019-05-01.txt", "drafts/2019-06-01.txt"]
    reasons = {
        Path(line.split(": ", 1)[0]).relative_to(folder).as_posix(): line.split(": ", 1)[1]
        for line in left_out
    }
    assert reasons == {
        ".git/HEAD.txt": "in hidden folder .git",
        ".hidden.txt": "hidden file",
        "README.md": "not a report by default (README*; --include to read it)",
        "SOURCES.md": "not a report by default (SOURCES*; --include to read it)",
        "drafts/License.txt": "not a report by default (LICENSE*; --include to read it)",
        "notes.rtf": "unsupported file type .rtf",
    }


def test_include_and_exclude_globs(folder: Path) -> None:
    files, left_out = select_files([folder], FileSelection(include=("readme*",), exclude=("drafts/*",)))
    assert _names(files, folder) == ["2019-05-01.txt", "README.md"]
    assert f"{folder / 'drafts' / '2019-06-01.txt'}: excluded by --exclude drafts/*" in left_out
    # exclude wins over include; a glob may name the file alone
    files, _ = select_files([folder], FileSelection(include=("*.md",), exclude=("SOURCES.md",)))
    assert "SOURCES.md" not in _names(files, folder) and "README.md" in _names(files, folder)


def test_a_file_named_on_the_command_line_is_always_read(folder: Path) -> None:
    files, left_out = select_files([folder / "README.md"])
    assert files == [folder / "README.md"] and left_out == []


def test_build_help_documents_the_globs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--exclude GLOB" in out and "--include GLOB" in out and "README*" in out


def test_one_report_a_readme_and_sources_give_one_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "one"
    root.mkdir()
    (root / "2019-05-01.txt").write_text(REPORT, encoding="utf-8")
    (root / "README.md").write_text("# About\n\nThe Ambridge Trust keeps these.\n", encoding="utf-8")
    (root / "SOURCES.md").write_text("From the Borsetshire County Council site.\n", encoding="utf-8")
    (root / "notes.rtf").write_text("{\\rtf1 x}", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(root), "-o", str(out), "--no-cache"]) == 0
    printed = capsys.readouterr().out
    assert "1 report(s)" in printed
    for name, reason in (("README.md", "README*"), ("SOURCES.md", "SOURCES*"), ("notes.rtf", ".rtf")):
        assert any(
            name in line and reason in line
            for line in printed.splitlines()
            if line.strip().startswith("not read:")
        ), printed
    assert "Trust" not in out.read_text(encoding="utf-8")


def test_a_folder_with_nothing_to_read_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "g.ttl"), "--no-cache", "-q"]) == 2
    err = capsys.readouterr().err
    assert "no readable reports" in err and "README.md" in err and err.count("\n") == 1
