#!/usr/bin/env python3
"""Seeds the fuzz corpora from the repository's own fixtures; run from anywhere.

fuzz/corpus/spec_parser/: every spec and spec fixture (good and bad), as they are.
fuzz/corpus/openapi_import/: the import's bad documents and the vendored OpenAPI documents.
fuzz/corpus/decoders/:    every JSON response fixture, and every object and array inside
                          one on its own (compact), so each model type starts from a value
                          that decodes.

The corpora are not committed (libFuzzer grows them to thousands of files); this script
rebuilds the starting point. Existing files are kept.
"""
import glob
import hashlib
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def put(target, name, data):
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def specs():
    count = 0
    for pattern in ["spec/*.yaml", "tests/fixtures/*.yaml", "codegen/tests/fixtures/*/*.yaml"]:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            rel = os.path.relpath(path, ROOT)
            put("spec_parser", rel.replace("/", "__"), open(path, "rb").read())
            count += 1
    return count


def openapi_documents():
    """The import's bad-document corpus and the vendored OpenAPI documents."""
    count = 0
    for pattern in ["codegen/tests/fixtures/openapi_bad/*.yaml", "upstream/*/*.yaml"]:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            rel = os.path.relpath(path, ROOT)
            put("openapi_import", rel.replace("/", "__"), open(path, "rb").read())
            count += 1
    return count


def nested(value):
    """Every object and array inside `value`, itself included."""
    if isinstance(value, (dict, list)):
        yield value
        for child in value.values() if isinstance(value, dict) else value:
            yield from nested(child)


def responses():
    seen = set()
    for pattern in ["tests/fixtures/official/*.json", "tests/fixtures/run_steps/*.json", "tests/fixtures/bookshelf/*.json"]:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if path.endswith("openapi-runsteps.json"):  # the API's schema, not a response
                continue
            raw = open(path, "rb").read()
            candidates = [raw] + [json.dumps(v, separators=(",", ":")).encode() for v in nested(json.loads(raw))]
            for data in candidates:
                digest = hashlib.sha1(data).hexdigest()
                if digest not in seen:
                    seen.add(digest)
                    put("decoders", "seed-" + digest, data)
    return len(seen)


if __name__ == "__main__":
    print(f"spec_parser: {specs()} seeds, openapi_import: {openapi_documents()} seeds, decoders: {responses()} seeds, in {os.path.relpath(CORPUS)}")
