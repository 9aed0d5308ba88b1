"""A seeded benchmark corpus: the sample reports scaled to N reports.

Each generated report takes the header of one sample (board line, chair,
date) and runs of consecutive paragraphs from several samples, so headings,
numbered paragraphs, council lists and contact blocks keep the shapes the
extractor must handle. People are renamed from a general list of common UK
names and councils are swapped for others from the council register, so the
corpus has many distinct entities, not five reports' worth repeated.

Report ``i`` depends only on (seed, i): the corpus for N=100 is the first
hundred files of the corpus for N=10,000, and the same N always gives the
same bytes.

    python benchmarks/benchcorpus.py 1000 bench-out/corpus-1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from boardgraph.resources import data_dir

DEFAULT_SOURCE = Path(__file__).resolve().parents[1] / "data" / "reports"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Common first names and surnames in the UK (general lists, not the samples' people).
FIRST_NAMES = _words("""
    Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Henry Leo Alfie Joshua
    Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Mohammed Logan
    Theo Harrison Benjamin Mason Sebastian Finley Adam Dylan Zachary Riley Olivia Amelia Isla Ava Emily
    Isabella Mia Poppy Ella Lily Evie Grace Sophia Charlotte Freya Sophie Alice Scarlett Chloe Daisy
    Phoebe Florence Ruby Jessica Matilda Millie Sienna Rosie Ivy Elizabeth Eleanor Imogen Margaret Susan
    Patricia Helen Sarah Karen Janet Julie Linda Carol Gillian Andrew Stephen Paul Mark Richard
    Christopher Michael Robert Simon Martin Graham
""")
SURNAMES = _words("""
    Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
    Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin
    Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson
    Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell
    Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson
    Foster Chapman Powell Marsh Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes
    Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham
    Pearson Ahmed Fletcher Walsh Kaur Gibson
""")
TITLE = r"(?:Cllrs?\.?|CIIr|Councillors?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Professor)"
NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# "Cllr Ann Example", "Councillor Sample", "Tom Other MP"; a titled list
# ("Cllrs Ann Example, Bea Test and Cy Person") is handled by PEOPLE_LIST.
TITLED = re.compile(rf"\b{TITLE} ({NAME})(?: ({NAME}))?")
MP = re.compile(rf"\b({NAME}) ({NAME}) MP\b")
PEOPLE_LIST = re.compile(rf"\bCllrs ((?:{NAME} {NAME}, )*{NAME} {NAME},? and {NAME} {NAME})")
DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (20\d\d)\b"
)
MONTHS = _words("January February March April May June July August September October November December")
NUMBERED = re.compile(r"^\s*(?:[-*]\s*)?\d+(?:\.\d+)*\.\s", re.M)
# contact officers are named without a title: "Contact officer: Ann Smith", "contact Ann Smith at ann.smith@"
CONTACT = re.compile(rf"(Contact officer:\s*|contact )({NAME}) ({NAME})\b")
EMAIL = re.compile(r"\b([a-z]+)\.([a-z]+)@")


@dataclass(frozen=True)
class Sample:
    header: str  # everything before the first numbered paragraph
    blocks: tuple[str, ...]  # the rest, split at blank lines


def load_samples(source: Path = DEFAULT_SOURCE) -> list[Sample]:
    samples = []
    for path in sorted(source.glob("*.txt")) + sorted(source.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first = NUMBERED.search(text)
        cut = first.start() if first else 0
        blocks = tuple(b for b in re.split(r"\n\s*\n", text[cut:]) if b.strip())
        samples.append(Sample(text[:cut], blocks))
    if not samples:
        raise FileNotFoundError(f"no sample reports (.txt/.md) in {source}")
    return samples


def council_places() -> list[str]:
    """Short names of current English councils ("Wigan", "Kent"), from the register."""
    path = data_dir() / "uk_local_authorities" / "uk_local_authorities_current.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("nation") == "England" and r.get("nice-name")]
    return sorted({r["nice-name"] for r in rows if "," not in r["nice-name"]})


class Renamer:
    """Consistent renaming within one report: the same person keeps the same new name."""

    def __init__(self, rng: random.Random, places: list[str], place_pattern: re.Pattern[str]):
        self.rng = rng
        self.places = places
        self.place_pattern = place_pattern
        self.firsts: dict[str, str] = {}
        self.lasts: dict[str, str] = {}
        self.place_map: dict[str, str] = {}

    def first(self, name: str) -> str:
        return self.firsts.setdefault(name, self.rng.choice(FIRST_NAMES))

    def last(self, name: str) -> str:
        return self.lasts.setdefault(name, self.rng.choice(SURNAMES))

    def _person(self, m: re.Match[str], title_part: str) -> str:
        a, b = m.group(1), m.group(2)
        if b is None:  # "Councillor Sample": a surname alone
            return f"{title_part} {self.last(a)}"
        return f"{title_part} {self.first(a)} {self.last(b)}"

    def _email(self, m: re.Match[str]) -> str:
        first = {k.lower(): v for k, v in self.firsts.items()}.get(m.group(1))
        last = {k.lower(): v for k, v in self.lasts.items()}.get(m.group(2))
        if first and last:
            return f"{first.lower()}.{last.lower()}@"
        return m.group(0)

    def text(self, text: str) -> str:
        def full(m: re.Match[str]) -> str:
            return f"{self.first(m.group(1))} {self.last(m.group(2))}"

        text = PEOPLE_LIST.sub(lambda m: "Cllrs " + re.sub(rf"({NAME}) ({NAME})", full, m.group(1)), text)
        text = TITLED.sub(lambda m: self._person(m, m.group(0).split(" ", 1)[0]), text)
        text = CONTACT.sub(lambda m: f"{m.group(1)}{self.first(m.group(2))} {self.last(m.group(3))}", text)
        text = EMAIL.sub(self._email, text)
        text = MP.sub(lambda m: f"{self.first(m.group(1))} {self.last(m.group(2))} MP", text)
        # a surname seen with a title is the same person when it recurs alone
        if self.lasts:
            alone = re.compile(
                r"\b(" + "|".join(map(re.escape, sorted(self.lasts, key=len, reverse=True))) + r")\b"
            )
            text = alone.sub(lambda m: self.lasts[m.group(1)], text)
        return self.place_pattern.sub(
            lambda m: self.place_map.setdefault(m.group(1), self.rng.choice(self.places)), text
        )


class CorpusGenerator:
    def __init__(self, seed: int = 0, source: Path = DEFAULT_SOURCE):
        self.seed = seed
        self.samples = load_samples(source)
        self.places = council_places()
        self.place_pattern = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(self.places, key=len, reverse=True))) + r")\b"
        )

    def report(self, i: int) -> tuple[str, str]:
        """(file name, text) of report ``i``: a function of (seed, i) only."""
        rng = random.Random(f"boardgraph-bench:{self.seed}:{i}")
        head = rng.choice(self.samples)
        parts = [head.header.rstrip("\n")]
        # 3-5 runs of 2-5 consecutive blocks: keeps heading → paragraph order
        for _ in range(rng.randint(3, 5)):
            sample = rng.choice(self.samples)
            n = rng.randint(2, 5)
            start = rng.randrange(max(1, len(sample.blocks) - n + 1))
            parts += sample.blocks[start : start + n]
        text = "\n\n".join(p for p in parts if p) + "\n"
        text = DATE.sub(lambda m: self._date(rng), text)
        text = Renamer(rng, self.places, self.place_pattern).text(text)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        return f"{i:06d}_{digest}.txt", text

    @staticmethod
    def _date(rng: random.Random) -> str:
        return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2010, 2019)}"

    def reports(self, n: int) -> Iterator[tuple[str, str]]:
        for i in range(n):
            yield self.report(i)


def write_corpus(out: Path, n: int, seed: int = 0, source: Path = DEFAULT_SOURCE) -> list[Path]:
    """Write N reports into ``out`` (created; existing generated files are replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9][0-9][0-9][0-9][0-9]_*.txt"):
        old.unlink()
    paths = []
    for name, text in CorpusGenerator(seed, source).reports(n):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("out", type=Path, help="folder to write them to")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="sample reports to recombine")
    args = ap.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed, args.source)
    print(f"wrote {len(paths)} reports to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
