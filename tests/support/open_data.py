#!/usr/bin/env python3
"""Independent readers of the web edition's open data (tests/open_data.rs).

  open_data.py feeds HTML_DIR [BASE_URL]
                                 every feeds/**/*.atom read by feedparser
                                 (no "bozo" warning) and checked against
                                 each MUST of RFC 4287 section 4 and the
                                 paging of RFC 5005
  open_data.py jsonld HTML_DIR   each instruments/*.html's JSON-LD expanded
                                 by pyld, its ELI properties present
  open_data.py schema HTML_DIR   data/register.json against
                                 data/register.schema.json (jsonschema)

RFC 4287's RELAX NG schema (its Appendix B) is not in any package this
machine can install, so the section 4 rules are asserted one by one.
Prints one line per file kind; exits non-zero with the first violation.
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def fail(where, why):
    sys.exit(f"{where}: {why}")


def one(where, parent, name, what):
    found = parent.findall(ATOM + name)
    if len(found) != 1:
        fail(where, f"{what} has {len(found)} atom:{name}, RFC 4287 requires exactly one")
    return found[0]


def at_most_one(where, parent, names, what):
    for name in names:
        if len(parent.findall(ATOM + name)) > 1:
            fail(where, f"{what} has more than one atom:{name}")


def alternates(where, parent, what):
    seen = set()
    for link in parent.findall(ATOM + "link"):
        if link.get("href") is None:
            fail(where, f"{what} has an atom:link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in seen:
                fail(where, f"{what} has two alternate links of the same type and hreflang")
            seen.add(key)
    return seen


def text_construct(where, element, what):
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        fail(where, f"{what} has type {kind!r}")
    if kind == "text" and len(element):
        fail(where, f"{what} of type text has child elements")


def date(where, element, what):
    if not RFC3339.match((element.text or "").strip()):
        fail(where, f"{what} {element.text!r} is not an RFC 3339 date-time")
    return element.text.strip()


def check_entry(where, entry, feed_has_author):
    one(where, entry, "id", "an entry")
    ident = entry.find(ATOM + "id").text or ""
    if not IRI.match(ident):
        fail(where, f"entry id {ident!r} is not an absolute IRI")
    text_construct(where, one(where, entry, "title", "an entry"), "an entry's title")
    updated = date(where, one(where, entry, "updated", "an entry"), "an entry's updated")
    at_most_one(where, entry, ["content", "published", "rights", "source", "summary"], "an entry")
    seen = alternates(where, entry, "an entry")
    if entry.find(ATOM + "content") is None and not seen:
        fail(where, "an entry without content has no alternate link")
    if not feed_has_author and entry.find(ATOM + "author") is None:
        fail(where, "an entry has no author and neither has its feed")
    for author in entry.findall(ATOM + "author"):
        one(where, author, "name", "an author")
    content = entry.find(ATOM + "content")
    if content is not None:
        text_construct(where, content, "an entry's content")
    return ident, updated


def links(feed):
    return {l.get("rel"): l.get("href") for l in feed.findall(ATOM + "link")}


def feeds(root, base=None):
    import feedparser

    def local(here, href):
        """The file a link names: under HTML_DIR for an address under
        BASE_URL, else relative to the linking file."""
        if base and href.startswith(base):
            return os.path.normpath(os.path.join(root, href[len(base):]))
        return os.path.normpath(os.path.join(here, href))

    files = sorted(glob.glob(os.path.join(root, "feeds", "**", "*.atom"), recursive=True))
    if not files:
        fail(root, "no feeds")
    entries = 0
    ids_by_feed = {}
    for path in files:
        parsed = feedparser.parse(path)
        if parsed.bozo:
            fail(path, f"feedparser: {parsed.bozo_exception}")
        feed = ET.parse(path).getroot()
        if feed.tag != ATOM + "feed":
            fail(path, "the root is not atom:feed")
        feed_id = one(path, feed, "id", "the feed").text
        if not IRI.match(feed_id or ""):
            fail(path, f"feed id {feed_id!r} is not an absolute IRI")
        text_construct(path, one(path, feed, "title", "the feed"), "the feed's title")
        date(path, one(path, feed, "updated", "the feed"), "the feed's updated")
        at_most_one(path, feed, ["generator", "icon", "logo", "rights", "subtitle"], "the feed")
        alternates(path, feed, "the feed")
        rel = links(feed)
        if "self" not in rel:
            fail(path, "no rel=self link")
        has_author = feed.find(ATOM + "author") is not None
        dates = []
        page_ids = []
        for entry in feed.findall(ATOM + "entry"):
            ident, updated = check_entry(path, entry, has_author)
            page_ids.append(ident)
            dates.append(updated)
        if dates != sorted(dates, reverse=True):
            fail(path, "entries are not newest first")
        if len(page_ids) > 100:
            fail(path, f"{len(page_ids)} entries on one page, more than 100")
        entries += len(page_ids)
        # RFC 5005: a paged feed's pages link each other both ways.
        here = os.path.dirname(path)
        for a, b in (("next", "previous"), ("previous", "next")):
            if a in rel:
                other = local(here, rel[a])
                if not os.path.exists(other):
                    fail(path, f"its {a} page {rel[a]} does not exist")
                back = links(ET.parse(other).getroot()).get(b)
                if local(here, back or "") != os.path.normpath(path):
                    fail(path, f"{rel[a]} does not link back as {b}")
                if one(other, ET.parse(other).getroot(), "id", "the feed").text != feed_id:
                    fail(path, "pages of one feed have different ids")
        for r in ("first", "last"):
            if r in rel and not os.path.exists(local(here, rel[r])):
                fail(path, f"its {r} page does not exist")
        ids_by_feed.setdefault(feed_id, []).extend(page_ids)
    for feed_id, ids in ids_by_feed.items():
        if len(ids) != len(set(ids)):
            fail(feed_id, "an entry id appears twice in one feed")
    print(f"feeds ok: {len(files)} files, {entries} entries")


ELI = "http://data.europa.eu/eli/ontology#"


def jsonld(root):
    from pyld import jsonld as ld

    pages = sorted(glob.glob(os.path.join(root, "instruments", "*.html")))
    for page in pages:
        html = open(page, encoding="utf-8").read()
        m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        if not m:
            fail(page, "no JSON-LD")
        doc = json.loads(m.group(1))
        # Expanded against the page's own address, as a reader of the page
        # would: a relative `url` is the page itself.
        expanded = ld.expand(doc, {"base": "file://" + os.path.abspath(page)})
        if len(expanded) != 1:
            fail(page, f"{len(expanded)} nodes")
        node = expanded[0]
        for term in ["id_local", "in_force", "title"]:
            if ELI + term not in node:
                fail(page, f"no eli:{term}")
        # A date of signature is asserted only where it is stated (an
        # inferred one is on the page, marked): both vocabularies or neither.
        if ("https://schema.org/legislationDate" in node) != (ELI + "date_document" in node):
            fail(page, "legislationDate and eli:date_document disagree")
        types = node.get("@type", [])
        if "https://schema.org/Legislation" not in types or ELI + "LegalResource" not in types:
            fail(page, f"types {types}")
        force = node[ELI + "in_force"][0]["@id"]
        if force not in (ELI + "InForce-inForce", ELI + "InForce-notInForce"):
            fail(page, f"eli:in_force is {force}")
        # The force is a schema.org term and the page an address, not text.
        legal = node["https://schema.org/legislationLegalForce"][0].get("@id")
        if legal not in ("https://schema.org/InForce", "https://schema.org/NotInForce"):
            fail(page, f"legislationLegalForce is {node['https://schema.org/legislationLegalForce']}")
        url = node["https://schema.org/url"][0].get("@id", "")
        if not url.endswith("/instruments/" + os.path.basename(page)):
            fail(page, f"url is {node['https://schema.org/url']}")
        print(json.dumps({"page": os.path.basename(page), "id": node["@id"],
                          "title": node[ELI + "title"][0]["@value"],
                          "properties": sorted(k for k in node if k.startswith(ELI))},
                         ensure_ascii=False))
    print(f"jsonld ok: {len(pages)} pages")


def schema(root):
    import jsonschema

    data = json.load(open(os.path.join(root, "data", "register.json"), encoding="utf-8"))
    spec = json.load(open(os.path.join(root, "data", "register.schema.json"), encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(spec)
    errors = sorted(jsonschema.Draft202012Validator(spec).iter_errors(data), key=str)
    if errors:
        fail("data/register.json", errors[0].message)
    print(f"schema ok: {len(data['instruments'])} instruments")


if __name__ == "__main__":
    {"feeds": feeds, "jsonld": jsonld, "schema": schema}[sys.argv[1]](*sys.argv[2:])
