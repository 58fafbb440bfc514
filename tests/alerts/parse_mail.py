#!/usr/bin/python3
"""Parses one RFC 5322 message with Python's email package (policy=default, strict
header parsing) and prints what a mail client would show, as JSON. Used by the
alerts tests to check messages with a real, independent MIME parser."""
import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
out = {
    "defects": [type(d).__name__ for d in msg.defects],
    "subject": str(msg["subject"]),
    "from": str(msg["from"]),
    "to": [str(a) for a in msg["to"].addresses] if msg["to"] else [],
    "to_names": [a.display_name for a in msg["to"].addresses] if msg["to"] else [],
    "message_id": str(msg["message-id"]),
    "date": str(msg["date"]),
    "date_ok": msg["date"] is not None and msg["date"].datetime is not None,
    "mime_version": str(msg["mime-version"]),
    "content_type": msg.get_content_type(),
    "max_line": max(len(l) for l in raw.split(b"\r\n")),
    "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    "parts": {},
}
for part in msg.walk():
    if part.is_multipart():
        continue
    out["parts"][part.get_content_type()] = part.get_content()
    out["defects"] += [type(d).__name__ for d in part.defects]
print(json.dumps(out))
