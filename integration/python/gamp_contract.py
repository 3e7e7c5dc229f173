"""GAMP Planner's published Avro contract, read with Debian's python3-avro and nothing of the project's code.

The schema history (one self-contained .avsc per record type and version, listed in its index) is the contract.
A value on a topic is Avro single-object encoded: C3 01, the CRC-64-AVRO fingerprint of the writer schema's
parsing canonical form (8 bytes, little-endian), then the Avro binary body.

python3-avro 1.11.1 has no fingerprint function and its canonical_form keeps a logical-type primitive as
{"type": "long"}, so the canonical form is built here as the specification defines it.
"""

import io
import json
import os
import struct

import avro.io
import avro.schema

MARKER = b"\xc3\x01"
PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
NAMED = {"record", "enum", "fixed"}
# [ORDER] of the specification; [STRIP] keeps only these.
KEPT = ("name", "type", "fields", "symbols", "items", "values", "size")

_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp)


def crc64_avro(data: bytes) -> int:
    fp = _EMPTY
    for b in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ b) & 0xFF]
    return fp


def _fullname(name, namespace):
    return name if "." in name or not namespace else namespace + "." + name


def _canonical(schema, namespace, seen):
    if isinstance(schema, str):
        return schema if schema in PRIMITIVES else _fullname(schema, namespace)
    if isinstance(schema, list):
        return [_canonical(branch, namespace, seen) for branch in schema]
    kind = schema["type"]
    if kind in PRIMITIVES or not isinstance(kind, str):
        # [PRIMITIVES] {"type": "long", "logicalType": ...} is "long"; a nested type object is that type.
        return _canonical(kind, namespace, seen)
    if kind in NAMED:
        name = _fullname(schema["name"], schema.get("namespace", namespace))
        if name in seen:
            return name
        seen.add(name)
        namespace = name.rpartition(".")[0]
    out = {}
    for key in KEPT:
        if key not in schema:
            continue
        value = schema[key]
        if key == "name":
            out[key] = _fullname(value, schema.get("namespace", namespace)) if kind in NAMED else value
        elif key == "fields":
            out[key] = [{"name": f["name"], "type": _canonical(f["type"], namespace, seen)} for f in value]
        elif key in ("items", "values"):
            out[key] = _canonical(value, namespace, seen)
        else:
            out[key] = value
    return out


def canonical_form(schema_json) -> str:
    """The parsing canonical form of a schema given as parsed JSON."""
    return json.dumps(_canonical(schema_json, "", set()), separators=(",", ":"), ensure_ascii=False)


def fingerprint(schema_json) -> bytes:
    """The 8 bytes that follow C3 01 in a single-object encoded value."""
    return struct.pack("<Q", crc64_avro(canonical_form(schema_json).encode("utf-8")))


class Version:
    def __init__(self, file, schema_json):
        self.file = file
        self.json = schema_json
        self.schema = avro.schema.parse(json.dumps(schema_json))
        self.name = self.schema.fullname
        self.canonical = canonical_form(schema_json)
        self.fingerprint = fingerprint(schema_json)


class Contract:
    """Every published version, by fingerprint; the latest of each record type for writing."""

    def __init__(self, folder):
        with open(os.path.join(folder, "index"), encoding="utf-8") as index:
            files = [line.strip() for line in index if line.strip() and not line.startswith("#")]
        self.versions = []
        for file in files:
            with open(os.path.join(folder, file), encoding="utf-8") as f:
                self.versions.append(Version(file, json.load(f)))
        self.by_fingerprint = {v.fingerprint: v for v in self.versions}
        # The index lists each type's versions in ascending order, so the last one wins.
        self.latest = {v.name.rpartition(".")[2]: v for v in self.versions}

    def encode(self, type_name, datum) -> bytes:
        version = self.latest[type_name]
        body = io.BytesIO()
        avro.io.DatumWriter(version.schema).write(datum, avro.io.BinaryEncoder(body))
        return MARKER + version.fingerprint + body.getvalue()

    def decode(self, value):
        """(record type, datum) of a single-object encoded value; ValueError when it is not one of the contract."""
        if value is None or len(value) < 10 or value[:2] != MARKER:
            raise ValueError("not single-object encoded")
        version = self.by_fingerprint.get(value[2:10])
        if version is None:
            raise ValueError("fingerprint %s is not a published schema" % value[2:10].hex())
        reader = avro.io.DatumReader(version.schema, version.schema)
        return version.name.rpartition(".")[2], reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
