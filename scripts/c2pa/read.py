"""Reads a file with the C2PA reference implementation (c2pa-python → c2pa-rs) and prints JSON:
{"state": "Valid|Trusted|Invalid|None", "results": {...validation_results...}, "manifest": {...reader json...}}
usage: read.py FILE [TRUST_ANCHORS.pem]   (fully offline: no OCSP, no remote manifests)"""
import json, sys
import c2pa

path = sys.argv[1]
settings = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
if len(sys.argv) > 2:
    settings["trust"] = {"user_anchors": open(sys.argv[2]).read()}
ctx = c2pa.Context.from_dict(settings)
try:
    with c2pa.Reader(path, context=ctx) as reader:
        out = {"state": reader.get_validation_state(),
               "results": reader.get_validation_results(),
               "manifest": json.loads(reader.json())}
except Exception as error:  # no manifest or unreadable store: report instead of a traceback
    out = {"state": "None", "error": f"{type(error).__name__}: {error}"}
print(json.dumps(out, indent=1))
