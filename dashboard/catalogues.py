"""The page's message catalogues, extracted and updated: ``python -m dashboard.catalogues`` (in a checkout).

Reads ``babel.cfg`` (the files to search), extracts every string marked with :func:`dashboard.i18n._`,
``n_`` and ``N_`` into ``data/locale/messages.pot`` and merges it into each ``data/locale/<lang>.po``
(new messages come untranslated, changed ones fuzzy: both show in English until a translator fills
them in; tests/test_i18n.py fails until then).
"""
from __future__ import annotations

import logging
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from dashboard.i18n import DOMAIN, locale_dir

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {**DEFAULT_KEYWORDS, "n_": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)


def extract(root: Path = ROOT) -> Catalog:
    """Every marked message of the package, as a template catalogue."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    template = Catalog(project="visit-timeline", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            root, method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """The template's messages ``catalog`` has no (or only a fuzzy) translation of."""
    missing = []
    for message in template:
        if not message.id:
            continue
        found: Message | None = catalog.get(message.id, message.context)
        strings = found.string if found is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if found is None or found.fuzzy or not all(values):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update(root: Path = ROOT) -> None:
    """Write the template and merge it into every language's catalogue."""
    template = extract(root)
    folder = locale_dir()
    with (folder / "messages.pot").open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=False, width=110)
    for path in sorted(folder.glob("*.po")):
        catalog = read(path, path.stem)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=110, ignore_obsolete=True)
        log.info("%s: %d messages untranslated", path.name, len(untranslated(catalog, template)))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    update()
