"""The share layer on a local folder: links, FIFOs, limits, exclusivity, retries, time-outs."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from desktop.share import AlreadyExists, LocalShare, NotFound, ShareError, ShareTimeout, TooLarge
from desktop.share.faults import Faults, FaultyShare

posix_only = pytest.mark.skipif(os.name == "nt", reason="FIFOs and symlinks need POSIX")


@posix_only
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "wacht.json")
    share = LocalShare(tmp_path, timeout=5)
    start = time.monotonic()
    with pytest.raises(ShareError, match="geen gewoon bestand"):
        share.read_json("wacht.json")
    with pytest.raises(ShareError, match="geen gewoon bestand"):
        share.hash_file("wacht.json", 1000)
    assert time.monotonic() - start < 2 and not share.stuck()


@posix_only
def test_links_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.txt").write_text("van iemand anders")
    root = tmp_path / "share"
    (root / "map").mkdir(parents=True)
    (root / "map" / "link.txt").symlink_to(outside / "geheim.txt")
    (root / "map" / "linkmap").symlink_to(outside)
    (root / "verwijzing").symlink_to(outside)
    share = LocalShare(root)
    with pytest.raises(ShareError):
        share.read_bytes("map/link.txt")
    entries = {e.name: e for e in share.scandir("map")}
    assert entries["link.txt"].is_symlink and entries["linkmap"].is_symlink and not entries["linkmap"].is_dir
    # Through a linked folder nothing is removed, moved or written.
    for action in (lambda: share.remove("verwijzing/geheim.txt"),
                   lambda: share.rename("verwijzing/geheim.txt", "weg.txt"),
                   lambda: share.write_exclusive("verwijzing/nieuw.json", b"{}"),
                   lambda: share.publish("verwijzing/nieuw.json", b"{}")):
        with pytest.raises(ShareError):
            action()
    share.rmtree("map")  # the links inside go, never what they point to
    assert (outside / "geheim.txt").read_text() == "van iemand anders" and not (root / "map").exists()
    assert sorted(p.name for p in outside.iterdir()) == ["geheim.txt"]
    with pytest.raises(ShareError, match="nooit verwijderd"):
        share.rmtree("")


def test_paths_that_leave_the_root_are_refused(tmp_path: Path) -> None:
    share = LocalShare(tmp_path / "share")
    for rel in ("..", "../x", "a/../../x"):
        with pytest.raises(ShareError, match="Ongeldig pad"):
            share.read_bytes(rel)


def test_reads_have_a_size_limit(tmp_path: Path) -> None:
    (tmp_path / "groot.json").write_bytes(b"[" + b"1," * 1000 + b"1]")
    share = LocalShare(tmp_path)
    with pytest.raises(TooLarge, match="te groot"):
        share.read_json("groot.json", limit=100)
    with pytest.raises(TooLarge):
        share.hash_file("groot.json", 100)


def test_exclusive_create_with_and_without_hard_links(tmp_path: Path) -> None:
    for share in (LocalShare(tmp_path / "a"), FaultyShare(tmp_path / "b", Faults(no_hard_links=True))):
        share.create_root()
        share.write_exclusive("x/een.json", b'{"n": 1}')
        with pytest.raises(AlreadyExists, match="al vastgelegd"):
            share.write_exclusive("x/een.json", b'{"n": 2}')
        assert share.read_json("x/een.json") == {"n": 1}
        assert share.list_names("x") == ["een.json"]  # no temporaries left


def test_publish_replaces_in_one_step_and_never_creates_the_root(tmp_path: Path) -> None:
    share = LocalShare(tmp_path / "share")
    with pytest.raises(NotFound):
        share.publish("status/x.json", b"{}")
    assert not (tmp_path / "share").exists()
    share.create_root()
    share.publish("status/x.json", b"1")
    share.publish("status/x.json", b"2")
    assert share.read_bytes("status/x.json") == b"2" and share.listdir("tmp") == []


def test_sharing_violations_are_retried_then_reported(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"{}")
    busy = FaultyShare(tmp_path, Faults(sharing_violations=3))
    busy._sleep = lambda s: None
    assert busy.read_json("a.json") == {}
    busy.faults.sharing_violations = 100
    with pytest.raises(ShareError, match="bezet") as info:
        busy.read_json("a.json")
    assert info.value.reason == "bezet door een ander programma"


def test_a_hang_costs_one_time_out_then_fails_fast_until_it_returns(tmp_path: Path) -> None:
    hang = threading.Event()
    tmp_path = tmp_path / "share"
    tmp_path.mkdir()
    share = FaultyShare(tmp_path, Faults(hang=hang), timeout=0.3)
    start = time.monotonic()
    with pytest.raises(ShareTimeout, match="reageert niet"):
        share.listdir("")
    with pytest.raises(ShareTimeout):
        LocalShare(tmp_path).listdir("")  # another object, the same share: at once
    assert time.monotonic() - start < 1.0 and share.stuck()
    hang.set()
    deadline = time.monotonic() + 5
    while share.stuck() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert LocalShare(tmp_path).listdir("") == []


def test_share_errors_are_dutch_with_a_detail(tmp_path: Path) -> None:
    with pytest.raises(NotFound) as info:
        LocalShare(tmp_path).read_bytes("ontbreekt.json")
    assert "bestaat niet" in str(info.value) and "FileNotFoundError" in info.value.detail
    assert isinstance(info.value, FileNotFoundError)  # callers guarding OSError still hold
