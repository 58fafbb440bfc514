#!/usr/bin/python3
"""Would rarity-weighted, sentence-boundary-free similarity find rewritten
template families that the sentence method (FamilySimilarity) misses?

A measurement, not a component: it approximates the index's template text in
Python (lower case, words with digits, the ad's name and town dropped), takes
the pairs the shipped method links from `adwatch rules evaluate --misses`
(labelled pairs minus "not linked", plus "not one family"), adds the links of
a candidate similarity and scores the union as `rules evaluate` does (pairs
within connected components against labelled families). Run on the dev split
only:

  ADWATCH_CONFIG=/nonexistent build/app/adwatch rules evaluate \
      --corpus tests/corpus/dev --misses > /tmp/misses.txt
  bench/signals/template_rarity_study.py tests/corpus/dev /tmp/misses.txt

Findings: bench/signals/template_rarity_study.md.
"""
import collections
import glob
import itertools
import json
import math
import re
import sys

PARTICLES = set("aan bij das del den der die het les los ten ter uit van von".split())
WORD = re.compile(r"[a-z0-9\u00c0-\u024f\u0370-\u1fff]+")


def words(s):
    return WORD.findall(s.lower())


def load(corpus):
    ads = []
    for path in sorted(glob.glob(corpus + "/*.jsonl")):
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            lab = d["label"]
            stop = set()
            for field in (d["name"], d["city"], lab.get("place") or "", lab.get("municipality") or ""):
                stop.update(w for w in words(field) if len(w) >= 3 and w not in PARTICLES)
            toks = [w for w in words(d["title"] + "\n" + d["text"]) if not re.search(r"\d", w) and w not in stop]
            ads.append({"id": d["id"], "family": lab.get("family"), "toks": toks})
    return ads


def components_score(ads, links, labelled, only=None):
    parent = list(range(len(ads)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(i)] = find(j)
    comps = collections.defaultdict(list)
    for i in range(len(ads)):
        comps[find(i)].append(i)
    keep = (lambda p: True) if only is None else (lambda p: p[0] in only and p[1] in only)
    tp = fp = 0
    for members in comps.values():
        for p in itertools.combinations(sorted(members), 2):
            if keep(p):
                tp, fp = (tp + 1, fp) if p in labelled else (tp, fp + 1)
    total = sum(1 for p in labelled if keep(p))
    return tp / max(1, tp + fp), tp / max(1, total), fp


def main():
    corpus, misses = sys.argv[1], sys.argv[2]
    ads = load(corpus)
    index = {a["id"]: i for i, a in enumerate(ads)}
    families = collections.defaultdict(list)
    for i, a in enumerate(ads):
        if a["family"]:
            families[a["family"]].append(i)
    labelled = {p for m in families.values() for p in itertools.combinations(sorted(m), 2)}
    missed, wrong = set(), set()
    for line in open(misses, encoding="utf-8"):
        m = re.match(r"\s+(\S+): template pair: (not )?linked to ([^\s,]+)", line)
        if m:
            pair = tuple(sorted((index[m.group(1)], index[m.group(3)])))
            (missed if m.group(2) else wrong).add(pair)
    shipped = (labelled - missed) | wrong
    batch = {i for i, a in enumerate(ads) if re.match(r"ad(de|en|fr|nl)-", a["id"])}  # the ad-* batch

    # Features: word unigrams and bigrams, words cut to 4 letters (inflection),
    # weighted by idf over the whole split; candidates share a feature in <= 30 ads.
    def feats(t):
        t = [w[:4] for w in t]
        return set(t) | {a + " " + b for a, b in zip(t, t[1:])}

    F = [feats(a["toks"]) for a in ads]
    df = collections.Counter(f for s in F for f in s)
    n = len(ads)
    W = [{f: math.log(n / df[f]) for f in s} for s in F]
    norm = [math.sqrt(sum(v * v for v in w.values())) for w in W]
    holders = collections.defaultdict(list)
    for i, s in enumerate(F):
        for f in s:
            if df[f] <= 30:
                holders[f].append(i)
    cands = {p for h in holders.values() for p in itertools.combinations(h, 2)}

    def cosine(i, j):
        a, b = (W[i], W[j]) if len(W[i]) <= len(W[j]) else (W[j], W[i])
        dot = sum(v * b[f] for f, v in a.items() if f in b)
        return dot / (norm[i] * norm[j]) if norm[i] * norm[j] > 0 else 0.0

    score = {p: cosine(*p) for p in cands}
    print("shipped method        all dev P %.3f R %.3f fp %d" % components_score(ads, shipped, labelled),
          "  ad-* P %.3f R %.3f fp %d" % components_score(ads, shipped, labelled, batch))
    for t in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        links = shipped | {p for p, s in score.items() if s >= t}
        print("+ tf-idf cosine >= %.2f all dev P %.3f R %.3f fp %d" % ((t,) + components_score(ads, links, labelled)),
              "  ad-* P %.3f R %.3f fp %d" % components_score(ads, links, labelled, batch))
    # How far apart each ad-* family's copies are: the weakest link of its
    # maximum spanning tree, and how many non-family pairs are at least that close.
    negatives = sorted((s for p, s in score.items() if p not in labelled), reverse=True)
    for fam, members in sorted(families.items()):
        if members[0] not in batch:
            continue
        edges = sorted(((cosine(i, j), i, j) for i, j in itertools.combinations(members, 2)), reverse=True)
        root = {m: m for m in members}

        def top(x):
            while root[x] != x:
                x = root[x]
            return x

        weakest, left = 1.0, len(members) - 1
        for c, i, j in edges:
            if left and top(i) != top(j):
                root[top(i)] = top(j)
                weakest, left = c, left - 1
        closer = sum(1 for s in negatives if s >= weakest)
        print("  %-18s %d ads, weakest spanning link %.2f, non-family dev pairs at least as close: %d"
              % (fam, len(members), weakest, closer))


if __name__ == "__main__":
    main()
