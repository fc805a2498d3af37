"""Saved web pages: the article's main text, title and publication date.

trafilatura (favor_precision, XML output so paragraphs and <br> survive) does the work; when it finds
nothing (tiny pages), a careful lxml pass reads <article>/<main>/<body> without scripts, styles,
navigation, sidebars, footers and advert-looking blocks.
"""
from __future__ import annotations

import json
import logging
import re
from typing import NamedTuple

import lxml.etree as etree
import lxml.html
import trafilatura

from dashboard.errors import InputError
from dashboard.ingest.dates import find_dateline, iso_date

log = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "publication_date", "dc.date", "dc.date.issued", "dcterms.created", "date", "sailthru.date")
_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "footer", "header", "form", "iframe",
              "template", "svg", "button", "select", "object", "embed")
_JUNK_CLASS = re.compile(r"\b(banner|advert\w*|ads?|promo|sidebar|comments?|cookie\w*|menu|share|social|"
                         r"related|breadcrumbs?|subscribe|newsletter|popular)\b", re.I)
_BLOCKS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "blockquote", "pre", "table", "tr", "dd", "dt", "figcaption", "address", "br", "hr")
DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}


class Page(NamedTuple):
    """What a saved web page gives: its title, main-text paragraphs, publication date and address."""

    title: str | None
    paragraphs: list[str]
    published: str | None
    url: str | None = None


_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def read_html(html: str) -> Page:
    """The page's title, paragraphs, publication date and own address (trafilatura's, which reads the
    canonical link and og:url, else those read here)."""
    if not html.strip():
        raise InputError("empty file")
    tree = _parse(html)
    title, paragraphs, date, url = _trafilatura(html)
    if not paragraphs:
        log.info("trafilatura found no main text; falling back to lxml")
        paragraphs = _fallback_paragraphs(tree) if tree is not None else []
    if title is None and tree is not None:
        title = _first_text(tree, "//h1") or _first_text(tree, "//title")
    published = (_meta_date(tree) if tree is not None else None) or date
    published = published or find_dateline("\n".join(paragraphs))
    if published is None and tree is not None:  # a dateline trafilatura dropped ("14.10.2026, 18:20 · News")
        published = find_dateline("\n".join(_fallback_paragraphs(tree)[:6]))
    url = _web_address(url) or (_meta_url(tree) if tree is not None else None)
    return Page(title, paragraphs, published, url)


def _web_address(value: object) -> str | None:
    """An absolute http(s) address, else None (a relative or script link says nothing)."""
    text = str(value or "").strip()
    return text if _URL.fullmatch(text) else None


def _meta_url(tree: lxml.html.HtmlElement) -> str | None:
    for value in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        found = _web_address(value)
        if found:
            return found
    return None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:  # lxml refuses str input that carries an XML encoding declaration
        return lxml.html.document_fromstring(_XML_DECL.sub("", html, count=1))
    except (etree.ParserError, ValueError) as exc:
        log.info("lxml could not parse the page: %s", exc)
        return None


def _trafilatura(html: str) -> tuple[str | None, list[str], str | None, str | None]:
    try:
        xml = trafilatura.extract(html, output_format="xml", with_metadata=True, include_comments=False,
                                  include_tables=True, favor_precision=True,
                                  date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # a library failure is a fallback, not a crash
        log.warning("trafilatura failed: %s", exc)
        return None, [], None, None
    if not xml:
        return None, [], None, None
    try:
        doc = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        log.warning("trafilatura returned bad XML: %s", exc)
        return None, [], None, None
    main = doc.find("main")
    paragraphs = _xml_paragraphs(main) if main is not None else []
    return (doc.get("title") or None), paragraphs, iso_date(doc.get("date")), doc.get("url")


def _xml_paragraphs(main: etree._Element) -> list[str]:
    for lb in main.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    out: list[str] = []
    for el in main.iter("head", "p", "item", "quote", "row", "code"):
        if el.tag in ("p", "quote") and any(a.tag in ("item", "row") for a in el.iterancestors()):
            continue
        if el.tag == "quote" and el.find("p") is not None:
            continue
        if el.tag == "row":
            text = " | ".join(_clean("".join(c.itertext())) for c in el.iter("cell"))
        else:
            text = _clean("".join(el.itertext()))
        if text:
            out.append(text)
    return out


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _fallback_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # a copy: dropping must not touch the caller's
    for el in list(tree.iter(*_DROP_TAGS, etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(tree.iter()):
        junk = isinstance(el.tag, str) and _JUNK_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")
        if junk and el.getparent() is not None:
            el.drop_tree()
    root = next(iter(tree.xpath("//article | //main")), None)
    if root is None:
        root = tree.find("body") if tree.find("body") is not None else tree
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    return [line for line in (" ".join(part.split()) for part in root.text_content().split("\n")) if line]


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


def _meta_date(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _DATE_META:
            found = iso_date(el.get("content"))
            if found:
                return found
    for el in tree.xpath("//script[@type='application/ld+json']"):
        found = _jsonld_date(el.text or "")
        if found:
            return found
    for el in tree.xpath("//article//time[@datetime] | //time[@pubdate]"):
        found = iso_date(el.get("datetime"))
        if found:
            return found
    return None


def _jsonld_date(raw: str) -> str | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found = iso_date(item.get("datePublished"))
            if found:
                return found
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
