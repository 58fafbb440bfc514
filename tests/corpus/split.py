#!/usr/bin/python3
"""Splits written corpus batches into dev/ and test/, by group, reproducibly.

usage: split.py OUT_DIR BATCH.jsonl...
Ads of one template family and ads that share a labelled phone number form one group (they are
linked by the cross-ad signals, so they must be measured together); each group goes to test/
when the first byte of SHA-256 of its smallest ad id is below 128, else to dev/. No ad's
content or label decides its split, so the test split is not chosen by hand.
Writes OUT_DIR/dev/BATCH.jsonl and OUT_DIR/test/BATCH.jsonl for each batch.
"""
import hashlib
import json
import os
import sys


def find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_dir, batches = argv[1], argv[2:]
    lines = {}  # batch -> [(id, raw line)]
    parent = {}
    by_key = {}
    for path in batches:
        batch = os.path.basename(path)
        lines[batch] = []
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if not raw.strip():
                    continue
                ad = json.loads(raw)
                ad_id = ad["id"]
                lines[batch].append((ad_id, raw if raw.endswith("\n") else raw + "\n"))
                parent[ad_id] = ad_id
                label = ad["label"]
                keys = ["phone:" + p for p in label.get("phones") or []]
                if label.get("family"):
                    keys.append("family:" + label["family"])
                for key in keys:
                    if key in by_key:
                        a, b = find(parent, ad_id), find(parent, by_key[key])
                        parent[a] = b
                    else:
                        by_key[key] = ad_id
    members = {}
    for ad_id in parent:
        members.setdefault(find(parent, ad_id), []).append(ad_id)
    split_of = {}
    for group in members.values():
        first = min(group)
        side = "test" if hashlib.sha256(first.encode()).digest()[0] < 128 else "dev"
        for ad_id in group:
            split_of[ad_id] = side
    counts = {"dev": 0, "test": 0}
    for batch, rows in lines.items():
        for side in ("dev", "test"):
            os.makedirs(os.path.join(out_dir, side), exist_ok=True)
            chosen = [raw for ad_id, raw in rows if split_of[ad_id] == side]
            counts[side] += len(chosen)
            with open(os.path.join(out_dir, side, batch), "w", encoding="utf-8") as f:
                f.writelines(chosen)
    print(f"dev {counts['dev']} ads, test {counts['test']} ads")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
