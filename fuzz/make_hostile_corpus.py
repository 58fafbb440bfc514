#!/usr/bin/python3
"""Writes the big hostile inputs of issue #13 (too large to commit) into
OUTDIR/<target>/, next to the small seeds in fuzz/corpus/<target>/.

usage: make_hostile_corpus.py OUTDIR"""
import os
import sys


def write(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path = os.path.join(d, name)
    if os.path.exists(path) and open(path, "rb").read() == data:
        return
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def main(out):
    ad = '<article class="ad-detail" data-ad-id="1"><h1 class="ad-title">t</h1><div class="ad-description">'
    # Crashed CollectText (recursion): <div> nested 100,000 deep, 1.1 MB.
    write(out, "html_extract", "div-nested-100000.html", ad + "<div>" * 100000 + "x" + "</div>" * 100000 + "</div></article>")
    # Hung Gumbo for minutes: 900,000 unclosed <b>, 2.7 MB.
    write(out, "html_extract", "unclosed-b-900000.html", ad + "<b>" * 900000 + "</div></article>")
    # Crashed JsonToString (recursion in dump): a title nested 100,000 deep.
    write(out, "json_pointer", "title-nested-100000.json", '{"id": "1", "title": ' + "[" * 100000 + "]" * 100000 + "}")
    write(out, "json_pointer", "object-nested-100000.json", '{"id": "1", "text": ' + '{"a":' * 100000 + "1" + "}" * 100000 + "}")
    # Exponential wildcard matching: 22 stars against a long path.
    write(out, "robots", "stars-22.txt", "/" + "a" * 3000 + "\nUser-agent: *\nDisallow: /" + "*a" * 22 + "*b\n")
    write(out, "robots", "stars-2000.txt", "/" + "a" * 8000 + "\nUser-agent: *\nDisallow: /" + "*a" * 2000 + "*b\n")
    # Crashed toml++: a table header of 50,000 dotted parts; nesting.
    write(out, "config_loader", "header-50000-parts.toml", "[" + ".".join(["a"] * 50000) + "]\nx = 1\n")
    write(out, "config_loader", "array-nested-100000.toml", "x = " + "[" * 100000 + "]" * 100000 + "\n")
    write(out, "config_loader", "inline-nested-100000.toml", "x = " + "{a=" * 100000 + "1" + "}" * 100000 + "\n")
    write(out, "config_loader", "long-line.toml", 'x = "' + "a" * 200000 + '"\n')
    write(out, "css_selector", "not-nested-10000.css", ":not(" * 10000 + "a" + ")" * 10000)
    write(out, "css_selector", "descendants-50000.css", " ".join(["div"] * 50000))
    write(out, "phones_ages", "digits-200k.txt", ("06-" + "1" * 8 + " ") * 20000)
    write(out, "phones_ages", "ages-200k.txt", "ik ben 17 jaar, net 18, 19yo " * 8000)
    write(out, "mime", "long-subject.bin", "Ëijsden " * 20000 + "\0" + ".\n" * 50000 + "\0" + "<p>" * 50000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
