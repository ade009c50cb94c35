"""Checking one bundle in the share: its shape, its hashes and its signature.

Two kinds of failure, on purpose:
- ``Malformed``: the bundle is not a bundle of this protocol (bad JSON, missing
  files, unknown version, huge files, unsafe names, symlinks). The reader moves it
  to the quarantine folder.
- a failed verification (a changed, added or re-signed file): the bundle stays
  and is shown with ``verificatie = "mislukt"`` and the reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.keys import unb64, verify_signature
from desktop.queue.names import is_submission_id, safe_name, safe_relpath
from desktop.share import Entry, Share, TooLarge

DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024
ALLOWED_SUBDIRS = frozenset({P.ATTACHMENTS})


class Malformed(Exception):
    """Not a bundle of this protocol; ``reason`` is Dutch (it goes into the reason file)."""

    def __init__(self, reason: str, detail: str = "", missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail or reason
        self.missing = missing  # may be a listing that lags: retried before quarantine


@dataclass(slots=True)
class Checked:
    submission_id: str
    ok: bool
    problem: str = ""
    public_key: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    confidential: bool = False
    # The bytes read once, hashed and matched with the signed manifest: use these, never read again.
    files: dict[str, bytes] = field(default_factory=dict)


def bundle_files(fs: Share, rel_dir: str, max_file: int) -> dict[str, Entry]:
    """Every file of the bundle by relative name; the shape is checked on the way."""
    files: dict[str, Entry] = {}
    for e in fs.scandir(rel_dir):
        if e.is_symlink:
            raise Malformed(f"De bundel bevat een snelkoppeling (symlink) '{e.name}'.", f"symlink {e.name!r}")
        if not safe_name(e.name):
            raise Malformed(f"De bundel bevat een ongeldige bestandsnaam '{e.name}'.", f"unsafe name {e.name!r}")
        if e.is_dir:
            if e.name not in ALLOWED_SUBDIRS:
                raise Malformed(f"De bundel bevat een onbekende map '{e.name}'.", f"unknown subdir {e.name!r}")
            for sub in fs.scandir(f"{rel_dir}/{e.name}"):
                rel = f"{e.name}/{sub.name}"
                if sub.is_symlink:
                    raise Malformed(f"De bundel bevat een snelkoppeling (symlink) '{rel}'.", f"symlink {rel!r}")
                if not safe_name(sub.name):
                    raise Malformed(f"De bundel bevat een ongeldige bestandsnaam '{rel}'.", f"unsafe name {rel!r}")
                if not sub.is_file:
                    raise Malformed(f"De bundel bevat een ongeldig item '{rel}'.", f"bad entry {rel!r}")
                files[rel] = sub
            continue
        if not e.is_file:
            raise Malformed(f"De bundel bevat een ongeldig item '{e.name}'.", f"not a regular file {e.name!r}")
        files[e.name] = e
    for rel, e in files.items():
        if e.size > max_file:
            raise Malformed(
                f"Het bestand '{rel}' is te groot ({e.size / 2**20:.0f} MB).", f"{rel}: {e.size} > {max_file}"
            )
    return files


def _read(fs: Share, rel: str, limit: int) -> bytes:
    try:
        return fs.read_bytes(rel, limit)
    except TooLarge as exc:
        raise Malformed(f"'{rel.rsplit('/', 1)[-1]}' is te groot.", str(exc)) from exc


def _json(fs: Share, rel: str) -> tuple[bytes, Any]:
    raw = _read(fs, rel, P.MAX_JSON_BYTES)
    try:
        return raw, P.parse_json(raw)
    except ValueError as exc:
        raise Malformed(f"'{rel.rsplit('/', 1)[-1]}' is geen geldige JSON.", f"{rel}: {exc}") from exc


def _check_header(doc: Any, name: str, what: str) -> None:
    if not isinstance(doc, dict) or doc.get("format") != P.BUNDLE_FORMAT:
        raise Malformed(f"{what} heeft niet het formaat van een bundel.", f"{what}: format {str(doc)[:80]!r}")
    version = doc.get("version")
    if version != P.FORMAT_VERSION:
        raise Malformed(
            f"{what} heeft een onbekende versie ({version!r}); deze versie van het programma kent versie "
            f"{P.FORMAT_VERSION}.",
            f"{what}: version {version!r}",
        )
    if doc.get("submission_id") != name:
        raise Malformed(
            f"Het id in {what} past niet bij de mapnaam.", f"{what}: id {doc.get('submission_id')!r} != {name!r}"
        )


def check_bundle(
    fs: Share, name: str, max_file: int = DEFAULT_MAX_FILE_BYTES, folder: str = P.SUBMITTED,
    keep: tuple[str, ...] = (),
) -> Checked:
    """Check ``<folder>/<name>``; raises ``Malformed`` or returns the verification result.

    ``meta.json``, ``sleutels.json`` and the files named in ``keep`` are read once; those
    bytes are hashed, matched with the signed manifest and returned in ``Checked.files``,
    so what is used is exactly what was verified (a file changed after the check is
    never read again). ``Checked.meta`` is parsed from those bytes when the bundle is ok.
    """
    if not is_submission_id(name):
        raise Malformed(f"De mapnaam '{name}' is geen inzendings-id.", f"not a UUID: {name!r}")
    rel_dir = f"{folder}/{name}"
    present = bundle_files(fs, rel_dir, max_file)
    for needed in (P.MANIFEST, P.SIGNATURE, P.META):
        if needed not in present:
            raise Malformed(f"Het bestand '{needed}' ontbreekt.", f"missing {needed}", missing=True)
    manifest_raw, manifest = _json(fs, f"{rel_dir}/{P.MANIFEST}")
    _check_header(manifest, name, P.MANIFEST)
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not listed:
        raise Malformed("De inhoudsopgave (manifest) noemt geen bestanden.", "manifest files empty")
    for rel, spec in listed.items():
        if not isinstance(rel, str) or not safe_relpath(rel) or rel in (P.MANIFEST, P.SIGNATURE):
            raise Malformed(f"De inhoudsopgave noemt een ongeldige bestandsnaam '{rel}'.", f"unsafe {rel!r}")
        if not isinstance(spec, dict) or not isinstance(spec.get("sha256"), str):
            raise Malformed(f"De inhoudsopgave is onvolledig voor '{rel}'.", f"bad spec {rel!r}")
    missing = sorted(set(listed) - set(present))
    if missing:
        raise Malformed(f"Het bestand '{missing[0]}' ontbreekt.", f"missing {missing}", missing=True)
    _, sig_doc = _json(fs, f"{rel_dir}/{P.SIGNATURE}")
    if not isinstance(sig_doc, dict) or sig_doc.get("algorithm") != "ed25519":
        raise Malformed("De handtekening heeft een onbekend formaat.", f"signature doc {str(sig_doc)[:80]!r}")
    public_key = sig_doc.get("public_key")
    result = Checked(name, True, public_key=public_key if isinstance(public_key, str) else "")
    try:
        sig_ok = verify_signature(unb64(public_key), unb64(sig_doc.get("signature")), manifest_raw)
    except ValueError:
        sig_ok = False
    if not sig_ok:
        result.ok, result.problem = False, "De handtekening klopt niet bij de inhoudsopgave."
    extra = sorted(set(present) - set(listed) - {P.MANIFEST, P.SIGNATURE})
    if result.ok and extra:
        result.ok, result.problem = False, f"Het bestand '{extra[0]}' is niet ondertekend (toegevoegd)."
    wanted = {P.META, P.KEY_HEADER, *keep}
    if result.ok:
        for rel, spec in sorted(listed.items()):
            if rel in wanted:
                data = _read(fs, f"{rel_dir}/{rel}", P.MAX_JSON_BYTES if rel in (P.META, P.KEY_HEADER) else max_file)
                digest, size = hashlib.sha256(data).hexdigest(), len(data)
                result.files[rel] = data
            else:
                digest, size = fs.hash_file(f"{rel_dir}/{rel}", max_file)
            if digest != spec["sha256"] or size != spec.get("size", size):
                result.ok, result.problem = False, f"Het bestand '{rel}' is gewijzigd na het ondertekenen."
                result.files.clear()
                break
    if result.ok:
        try:
            meta = P.parse_json(result.files[P.META])
        except ValueError as exc:
            raise Malformed(f"'{P.META}' is geen geldige JSON.", f"{P.META}: {exc}") from exc
    else:
        _, meta = _json(fs, f"{rel_dir}/{P.META}")  # shown only: the bundle is marked mislukt
    _check_header(meta, name, P.META)
    result.meta = meta
    result.confidential = bool(meta.get("vertrouwelijk"))
    if result.confidential:
        for needed in (P.CIPHERTEXT, P.KEY_HEADER):
            if needed not in listed:
                raise Malformed(f"Het versleutelde stuk mist '{needed}'.", f"missing {needed}", missing=True)
    elif P.DOCUMENT not in listed:
        raise Malformed(f"Het bestand '{P.DOCUMENT}' ontbreekt.", f"missing {P.DOCUMENT}", missing=True)
    return result
