"""Deterministic synthetic articles made from the project's own fixtures, for the benchmarks.

Sources: data/seed/*.txt (with their .json metadata) and the article fixtures under tests/fixtures/
(articles/ and corpus/, .txt and .html, read by the project's own reader). Each generated article is one
source with, drawn from ``random.Random(seed + i)``:

* dates moved: every month name shifted by the same k months within its own script's month list, every
  day number before/after a month name shifted by the same s days (1..28), every year 20xx shifted by
  the same offset; the publication date moves with them, so the article stays consistent;
* Uzbek city names swapped among Uzbek cities written in the same script (stems, so suffixes stay:
  "Xivada" -> "Buxoroda");
* body paragraphs shuffled (the title and the lead stay first) for half of the articles;
* apostrophes of oʻ/gʻ and the tutuq written in one of the variants people type (ʻ ' ’ ‘ `);
* line wraps: kept, one line per paragraph, or hard-wrapped at 50..100 columns.

Run:
    .venv/bin/python benchmarks/corpus.py --n 5 --show        # print five generated articles
    .venv/bin/python benchmarks/corpus.py --n 1000 --out /tmp/corpus   # write them as .txt files
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

try:
    from benchmarks.common import ROOT, SEED, parser
except ImportError:   # run as a script: benchmarks/ is on sys.path, not the root
    from common import ROOT, SEED, parser  # type: ignore[no-redef]

# Month names per script, in calendar order. A script's list is used only for texts written in it.
MONTHS: dict[str, list[str]] = {
    "uz-Latn": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentyabr",
                "oktyabr", "noyabr", "dekabr"],
    "uz-Latn-2026": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentyabr",
                     "oktyabr", "noyabr", "dekabr"],
    "uz-Cyrl": ["январь", "феврал", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                "октябрь", "ноябрь", "декабрь"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
# Uzbek cities per script (stems that take suffixes). Russian: consonant-final, so cases still read.
CITIES: dict[str, list[str]] = {
    "uz-Latn": ["Toshkent", "Samarqand", "Buxoro", "Xiva", "Namangan", "Andijon", "Urganch", "Qarshi",
                "Termiz", "Navoiy"],
    "uz-Latn-2026": ["Toşkent", "Samarqand", "Buxoro", "Xiva", "Namangan", "Andijon", "Urganç", "Qarşi"],
    "uz-Cyrl": ["Тошкент", "Самарқанд", "Бухоро", "Хива", "Наманган", "Андижон", "Урганч", "Қарши"],
    "ru": ["Ташкент", "Самарканд", "Наманган", "Андижан", "Ургенч", "Термез"],
    "en": ["Tashkent", "Samarkand", "Bukhara", "Khiva", "Namangan", "Andijan", "Urgench", "Termez"],
}
OKINA = ["ʻ", "'", "’", "‘", "`"]          # oʻ gʻ as people type them
TUTUQ = ["ʼ", "'", "’"]
_OKINA = re.compile(r"(?<=[oOgG])[ʻ'’‘`]")
_TUTUQ = re.compile(r"(?<=\w)[ʼ](?=\w)")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_PARA_END = re.compile(r"[.!?»\"”)]\s*$")
DEFAULT_PUBLISHED = "2024-03-20"
MIN_CHARS = 300          # fixtures shorter than this are notes, not articles


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    text: str
    published: str
    script: str


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    published: str       # YYYY-MM-DD
    source: str          # the fixture it was made from
    script: str

    @property
    def published_datetime(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.published)


def script_of(text: str) -> str:
    """Which month/city table fits a text (a rough guess; only the generator uses it)."""
    if re.search(r"[şçğöŞÇĞÖ]", text):
        return "uz-Latn-2026"
    cyrillic = len(re.findall(r"[а-яА-ЯёЁўқғҳЎҚҒҲ]", text))
    if cyrillic > len(text) / 4:
        return "uz-Cyrl" if re.search(r"[ўқғҳЎҚҒҲ]", text) else "ru"
    words = re.findall(r"\w+", text.lower())
    english = sum(w in {"the", "of", "and", "in", "was", "at"} for w in words)
    return "en" if english > len(words) / 20 else "uz-Latn"


def _published_of(path: Path, doc_published: str | None) -> str:
    meta = path.with_suffix(".json")
    if meta.exists() and not meta.name.endswith(".gold.json"):
        try:
            value = json.loads(meta.read_text(encoding="utf-8")).get("published")
            if value:
                return str(value)[:10]
        except (OSError, ValueError):
            pass
    found = _DATE_IN_NAME.search(path.name)
    return found.group(1) if found else (doc_published or DEFAULT_PUBLISHED)[:10]


def fixture_paths() -> list[Path]:
    """The article files the corpus is made from, sorted (so the corpus is the same on every machine)."""
    paths = sorted((ROOT / "data" / "seed").glob("*.txt"))
    for folder in ("articles", "corpus"):
        base = ROOT / "tests" / "fixtures" / folder
        paths += sorted(p for p in base.glob("*") if p.suffix in (".txt", ".html"))
    return paths


def load_sources() -> list[Source]:
    """Every fixture article, read by the project's reader (HTML to text), with its publication date."""
    from dashboard.errors import InputError
    from dashboard.ingest import read_path
    from dashboard.settings import Settings

    settings = Settings()
    sources = []
    for path in fixture_paths():
        try:
            doc = read_path(path, settings)
        except InputError:
            continue
        if len(doc.text) < MIN_CHARS:
            continue
        sources.append(Source(path.name, doc.text, _published_of(path, doc.published), script_of(doc.text)))
    if not sources:
        raise SystemExit("no fixture articles found under data/seed and tests/fixtures")
    return sources


# -- variations -------------------------------------------------------------------------------------------

def _shift_dates(text: str, script: str, months: int, days: int, years: int) -> str:
    names = MONTHS[script]
    flags = re.IGNORECASE
    alts = "|".join(sorted(map(re.escape, names), key=len, reverse=True))

    def month(name: str) -> str:
        i = next(k for k, n in enumerate(names) if name.lower().startswith(n.lower()))
        new = names[(i + months) % 12]
        return new.capitalize() if name[:1].isupper() else new

    def day(value: str) -> str:
        return str((int(value) - 1 + days) % 28 + 1) if 1 <= int(value) <= 31 else value

    text = re.sub(rf"(?<!\d)(\d{{1,2}})([\s-]+)({alts})", lambda m: day(m[1]) + m[2] + month(m[3]), text,
                  flags=flags)
    text = re.sub(rf"(?<!\w)({alts})(\s+)(\d{{1,2}})(?!\d)", lambda m: month(m[1]) + m[2] + day(m[3]), text,
                  flags=flags)
    return _YEAR.sub(lambda m: str(int(m[1]) + years), text)


def _shift_published(published: str, months: int, days: int, years: int) -> str:
    day0 = dt.date.fromisoformat(published)
    month = (day0.month - 1 + months) % 12 + 1
    day = (min(day0.day, 28) - 1 + days) % 28 + 1
    return dt.date(day0.year + years, month, day).isoformat()


def _swap_cities(text: str, script: str, rng: random.Random) -> str:
    names = CITIES[script]
    present = [n for n in names if n in text]
    if not present:
        return text
    targets = names[:]
    rng.shuffle(targets)
    mapping = dict(zip(names, targets, strict=True))
    pattern = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")")
    return pattern.sub(lambda m: mapping[m[1]], text)


def _paragraphs(text: str) -> tuple[list[list[str]], bool]:
    """Paragraphs as lists of lines; blank-line separated, else a line ending a sentence ends one."""
    if "\n\n" in text:
        return [p.split("\n") for p in re.split(r"\n\s*\n", text) if p.strip()], True
    paras: list[list[str]] = [[]]
    for line in text.split("\n"):
        paras[-1].append(line)
        if _PARA_END.search(line) or len(paras) == 1:
            paras.append([])
    return [p for p in paras if p], False


def _layout(paras: list[list[str]], blank: bool, rng: random.Random) -> str:
    style = rng.choice(("keep", "joined", "wrapped"))
    width = rng.randint(50, 100)
    out = []
    for i, lines in enumerate(paras):
        if style == "keep" or i == 0:
            out.append("\n".join(lines))
        elif style == "joined":
            out.append(" ".join(line.strip() for line in lines))
        else:
            out.append(textwrap.fill(" ".join(line.strip() for line in lines), width=width,
                                     break_long_words=False, break_on_hyphens=False))
    return ("\n\n" if blank else "\n").join(out)


def vary(source: Source, rng: random.Random, index: int) -> Article:
    """One synthetic article from ``source``; ``rng`` decides every variation."""
    months, days, years = rng.randrange(12), rng.randrange(28), rng.randint(-3, 2)
    text = _shift_dates(source.text, source.script, months, days, years)
    text = _swap_cities(text, source.script, rng)
    paras, blank = _paragraphs(text)
    if len(paras) > 3 and rng.random() < 0.5:
        body = paras[2:]
        rng.shuffle(body)
        paras = paras[:2] + body
    text = _layout(paras, blank, rng)
    text = _OKINA.sub(rng.choice(OKINA), text)
    text = _TUTUQ.sub(rng.choice(TUTUQ), text)
    published = _shift_published(source.published, months, days, years)
    stem = Path(source.name).stem
    return Article(f"{index:06d}_{stem}.txt", text, published, source.name, source.script)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[ʻʼ'’‘`]", "", text).split())


def generate(n: int, seed: int = SEED, unique: bool = False) -> list[Article]:
    """``n`` articles, cycling through the sources; the same ``n`` and ``seed`` give the same articles.

    ``unique``: redraw an article whose text (whitespace and apostrophes aside) was already made, so
    every article is a new one for the store; after 50 draws, end the copy with a tag line "#000123".
    """
    sources = load_sources()
    articles: list[Article] = []
    seen: set[str] = set()
    for i in range(n):
        source = sources[i % len(sources)]
        for attempt in range(50):
            article = vary(source, random.Random(seed * 1_000_003 + i * 101 + attempt), i)
            key = _key(article.text)
            if not unique or key not in seen:
                break
        else:   # a source with few dates and cities to vary runs out of new texts: tag the copy
            article = replace(article, text=f"{article.text}\n\n#{i:06d}")
            key = _key(article.text)
        seen.add(key)
        articles.append(article)
    return articles


def main() -> int:
    p = parser(__doc__)
    p.add_argument("--n", type=int, default=5, help="how many articles (default 5)")
    p.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    p.add_argument("--show", action="store_true", help="print the articles")
    p.add_argument("--out", type=Path, help="write the articles as .txt files into this folder")
    args = p.parse_args()
    articles = generate(args.n, args.seed, unique=True)
    sizes = sorted(len(a.text.encode("utf-8")) for a in articles)
    print(f"articles: {len(articles)} from {len(load_sources())} fixtures; "
          f"median size {sizes[len(sizes) // 2]} bytes")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for a in articles:
            (args.out / a.name).write_text(a.text + "\n", encoding="utf-8")
        print(f"written to {args.out}")
    if args.show:
        for a in articles:
            print(f"\n=== {a.name} (from {a.source}, published {a.published}, {a.script})\n{a.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
