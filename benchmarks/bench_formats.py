"""The sample reports as published: PDF, DOCX, HTML and scans, scored against the text build.

Each sample text is rendered by another tool under its own stem (report
identifiers must equal the text stems for the scorer):

- ``pdf-fpdf2``: fpdf2 with a running header, a "Page N of M" footer and
  Symbol-font bullets;
- ``pdf-2col``: fpdf2, two columns a page, with the same furniture;
- ``pdf-libreoffice``: pandoc (markdown → DOCX), then LibreOffice → PDF;
- ``docx-pandoc``, ``html-pandoc``: pandoc from the text read as markdown;
- ``docx-libreoffice``, ``html-libreoffice``: LibreOffice from the plain text;
- ``scan``: the fpdf2 PDFs as page images only (150 dpi, turned a little,
  speckled), so every page goes through OCR.

Each set is built with ``boardgraph build --no-cache`` and scored with the
shared scorer; the targets of issue 11 are checked at the end.

    .venv/bin/python benchmarks/bench_formats.py [--only pdf-fpdf2,scan] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


# ------------------------------------------------------------ renderers


def _paragraphs(text: str) -> list[str]:
    """The text's lines as paragraphs, with the markdown the samples carry rendered away."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip())
        line = re.sub(r"^#+\s*", "", line).replace("**", "")
        line = re.sub(r"(?<!\w)\*([^*]+)\*(?!\w)", r"\1", line)
        if line:
            out.append(line)
    return out


def _is_heading(para: str) -> bool:
    return len(para) < 70 and not para.endswith((".", ":", ";", ","))


class _Report:  # an FPDF with furniture on every page
    def __new__(cls, title: str):  # type: ignore[misc]
        from fpdf import FPDF

        class Report(FPDF):
            def header(self) -> None:
                self.set_font("body", size=8)
                self.cell(0, 6, "Local Government Association", align="L")
                self.cell(0, 6, title, align="R", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

            def footer(self) -> None:
                self.set_y(-14)
                self.set_font("body", size=8)
                self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

        pdf = Report()
        # DejaVu (Debian's fonts-dejavu-core) has every character the reports use.
        pdf.add_font("body", "", str(FONT))
        pdf.add_font("body", "B", str(FONT_BOLD))
        pdf.set_auto_page_break(True, margin=20)
        pdf.alias_nb_pages()
        return pdf


def render_fpdf2(txt: Path, out: Path, columns: int = 1) -> None:
    """A PDF the way a council's template prints one: header, footer, page numbers, bullets."""
    pdf = _Report(txt.stem)
    pdf.add_page()
    width = (pdf.epw - 8 * (columns - 1)) / columns
    paras = _paragraphs(txt.read_text(encoding="utf-8"))
    if columns > 1:
        pdf.set_font("body", "", 10)
        cols = pdf.text_columns(ncols=columns, gutter=8, text_align="LEFT")
        with cols:
            for para in paras:
                bullet = para.startswith("- ")
                body = para[2:] if bullet else para
                cols.write(text=("\u2022 " if bullet else "") + body + "\n\n")
        pdf.output(str(out))
        return
    for para in paras:
        bullet = para.startswith("- ")
        body = para[2:] if bullet else para
        pdf.set_font("body", "B" if _is_heading(body) else "", 10.5)
        if bullet:
            # A Symbol-font bullet, the way Word writes list items.
            pdf.set_font("Symbol", size=10)
            pdf.cell(6, 5.5, "\u00b7")
            pdf.set_font("body", "", 10.5)
            pdf.multi_cell(width - 6, 5.5, body, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(width, 5.5, body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(out))


def render_two_columns(txt: Path, out: Path) -> None:
    render_fpdf2(txt, out, columns=2)


def scan(pdf_in: Path, out: Path, dpi: int = 150, seed: int = 0) -> None:
    """Page images only: rendered at ``dpi``, turned by under a degree, speckled."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(f"{seed}:{pdf_in.stem}")
    images: list[Image.Image] = []
    doc = pdfium.PdfDocument(str(pdf_in))
    for page in doc:
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False, fillcolor=255)
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 2500):  # speckle: scattered dark dots
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = rng.randrange(0, 90)
        images.append(img)
    doc.close()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)


def _pandoc(src: Path, out: Path, fmt: str) -> None:
    subprocess.run(["pandoc", "-f", "markdown", "-s", "-o", str(out), str(src),
                    "--metadata", f"title={src.stem}"], check=True, capture_output=True)  # fmt: skip


def _soffice(files: list[Path], target: str, outdir: Path, infilter: str | None = None) -> None:
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/.lo-profile"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    shutil.rmtree(outdir / ".lo-profile", ignore_errors=True)


# ------------------------------------------------------------ sets


def _copy_texts(texts: list[Path], folder: Path, work: Path) -> None:
    for t in texts:
        shutil.copy(t, folder / t.name)


def _fpdf2_pdfs(texts: list[Path], folder: Path, work: Path) -> None:
    for t in texts:
        render_fpdf2(t, folder / f"{t.stem}.pdf")


def _two_column_pdfs(texts: list[Path], folder: Path, work: Path) -> None:
    for t in texts:
        render_two_columns(t, folder / f"{t.stem}.pdf")


def _scans(texts: list[Path], folder: Path, work: Path) -> None:
    fpdf_dir = work / "pdf-fpdf2"
    if not fpdf_dir.exists():
        make_set("pdf-fpdf2", texts, work)
    for t in texts:
        scan(fpdf_dir / f"{t.stem}.pdf", folder / f"{t.stem}.pdf")


def _pandoc_set(ext: str) -> Callable[[list[Path], Path, Path], None]:
    def make(texts: list[Path], folder: Path, work: Path) -> None:
        for t in texts:
            _pandoc(t, folder / f"{t.stem}.{ext}", ext)

    return make


def _libreoffice_pdfs(texts: list[Path], folder: Path, work: Path) -> None:
    tmp = work / "_docx-for-pdf"
    tmp.mkdir(exist_ok=True)
    for t in texts:
        _pandoc(t, tmp / f"{t.stem}.docx", "docx")
    _soffice(sorted(tmp.glob("*.docx")), "pdf", folder)
    shutil.rmtree(tmp)


def _libreoffice_set(target: str) -> Callable[[list[Path], Path, Path], None]:
    def make(texts: list[Path], folder: Path, work: Path) -> None:
        _soffice(texts, target, folder, infilter="Text (encoded):UTF8,LF,,,")

    return make


MAKERS: dict[str, Callable[[list[Path], Path, Path], None]] = {
    "txt": _copy_texts,
    "pdf-fpdf2": _fpdf2_pdfs,
    "pdf-2col": _two_column_pdfs,
    "scan": _scans,
    "docx-pandoc": _pandoc_set("docx"),
    "html-pandoc": _pandoc_set("html"),
    "pdf-libreoffice": _libreoffice_pdfs,
    "docx-libreoffice": _libreoffice_set("docx:MS Word 2007 XML"),
    "html-libreoffice": _libreoffice_set("html:XHTML Writer File:UTF8"),
}


def make_set(name: str, texts: list[Path], work: Path) -> Path:
    if name not in MAKERS:
        raise SystemExit(f"unknown set {name}")
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    MAKERS[name](texts, folder, work)
    return folder


NEEDS: dict[str, tuple[str, ...]] = {
    "pdf-libreoffice": ("pandoc", "soffice"),
    "docx-pandoc": ("pandoc",),
    "html-pandoc": ("pandoc",),
    "docx-libreoffice": ("soffice",),
    "html-libreoffice": ("soffice",),
    "scan": ("tesseract",),
}
SETS = ("txt", "pdf-fpdf2", "pdf-2col", "pdf-libreoffice", "docx-pandoc", "docx-libreoffice",
        "html-pandoc", "html-libreoffice", "scan")  # fmt: skip


def build_and_score(folder: Path, gold: Path, jobs: int) -> tuple[dict, float, str]:
    graph = folder.with_suffix(".ttl")
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "boardgraph", "build", str(folder), "-o", str(graph), "--no-cache",
         "-j", str(jobs)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if not graph.exists():
        raise SystemExit(f"build of {folder} failed:\n{run.stderr[-2000:]}")
    scores = folder.with_suffix(".json")
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_graph.py"), str(gold), str(graph),
                    "--json", str(scores)], check=True, capture_output=True)  # fmt: skip
    return json.loads(scores.read_text()), seconds, run.stdout + run.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "seeds.yaml")
    ap.add_argument("--work", type=Path, default=Path("/tmp/boardgraph-bench-formats"))
    ap.add_argument("--only", default="", help="comma-separated sets (default: all)")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    texts = sorted(args.corpus.glob("*.txt"))
    wanted = [s for s in SETS if not args.only or s in args.only.split(",") or s == "txt"]
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    print(
        f"{'set':18} {'entity F1':>9} {'worked':>7} {'partic':>7} {'dates':>6} {'chairs':>6} {'build s':>8}"
    )
    for name in wanted:
        missing = [tool for tool in NEEDS.get(name, ()) if shutil.which(tool) is None]
        if missing:
            print(f"{name:18} skipped: {', '.join(missing)} not installed")
            continue
        folder = make_set(name, texts, args.work)
        s, seconds, log = build_and_score(folder, args.gold, args.jobs)
        results[name] = s
        print(
            f"{name:18} {s['entity_f1']:9.3f} {s['worked_with_f1']:7.3f} {s['participates_f1']:7.3f} "
            f"{s['dates_ok']:>3}/{s['dates_n']:<2} {s['chairs_ok']:>3}/{s['chairs_n']:<2} {seconds:8.1f}"
        )
        for line in log.splitlines():
            if "warning" in line and "OCR" in line:
                print(f"    {line.strip()}")
    base = results.get("txt")
    failed: list[str] = []
    for name, s in results.items():
        if name == "txt" or base is None:
            continue
        if name == "scan":
            ok = (s["entity_f1"] >= 0.93 and s["worked_with_f1"] >= 0.85
                  and s["dates_ok"] == s["dates_n"] and s["chairs_ok"] == s["chairs_n"])  # fmt: skip
        else:
            ok = (base["entity_f1"] - s["entity_f1"] <= 0.02
                  and base["worked_with_f1"] - s["worked_with_f1"] <= 0.05
                  and base["participates_f1"] - s["participates_f1"] <= 0.05
                  and s["dates_ok"] >= base["dates_ok"] and s["chairs_ok"] >= base["chairs_ok"])  # fmt: skip
        if not ok:
            failed.append(name)
    print("targets met" if not failed else f"targets missed: {', '.join(failed)}")
    (args.work / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
