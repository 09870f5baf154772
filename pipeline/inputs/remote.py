"""fsspec URLs (s3://, gs://, memory://, file://…) as inputs and output folder.

A URL stays a string from the command line to fsspec: it is never made a `pathlib.Path`, which
would fold `s3://out/run1` into `s3:/out/run1`. The endpoint and credentials of S3-compatible
storage come from fsspec's and botocore's own variables (FSSPEC_S3_ENDPOINT_URL,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; see the README).

Only the driver process touches storage (workers receive documents and return rows), so remote
I/O lives here: `RemoteFile` gives the readers the few `pathlib.Path` methods they use, and
`OutputMirror` keeps a local copy of a remote output folder, pulled when the run starts, with every
file the store writes or deletes mirrored to the remote right away (parts first, manifest entry
last, as locally; one object PUT is atomic on object stores).
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath


def is_url(value) -> bool:
    return isinstance(value, str) and "://" in value


class LocationError(ValueError):
    """A URL whose protocol is unknown, or whose fsspec backend (s3fs, gcsfs, …) is not installed."""


def _filesystem(url: str):
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as exc:
        raise LocationError(f"cannot open {url}: {exc}") from None


def filesystem(location: str | Path):
    """(fsspec filesystem, path on it) of a URL, or of a local path (the local filesystem, path absolute)."""
    if is_url(location):
        return _filesystem(location)
    import fsspec

    return fsspec.filesystem("file"), Path(location).resolve().as_posix()


def location_url(fs, path: str) -> str:
    """PATH on FS as other readers (DuckDB, the user) name it: a URL, or the plain local path."""
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else fs.protocol
    if "file" in protocols:
        return path
    return fs.unstrip_protocol(path)


def exists(location: str | Path) -> bool:
    if is_url(location):
        fs, root = _filesystem(location)
        return fs.exists(root)
    return Path(location).exists()


class RemoteFile:
    """A file on an fsspec filesystem, with the parts of `pathlib.Path` the readers use."""

    def __init__(self, fs, path: str):
        self.fs, self.path = fs, path

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(self.path)

    def open(self, mode: str = "rb"):
        return self.fs.open(self.path, mode)


def remote_input_files(url: str, supported) -> Iterator[tuple[RemoteFile, str]]:
    """(file, path relative to the INPUT) for every supported file under a URL, sorted."""
    fs, root = _filesystem(url)
    if fs.isfile(root):
        yield RemoteFile(fs, root), PurePosixPath(root).name
        return
    root = root.rstrip("/")
    for path in sorted(fs.find(root)):
        rel = path[len(root):].lstrip("/")
        if not any(part.startswith(".") for part in rel.split("/")) and supported(rel):
            yield RemoteFile(fs, path), rel


class OutputMirror:
    """A remote output folder mirrored in a local working copy."""

    def __init__(self, url: str):
        self.fs, self.root = _filesystem(url)
        self.root = self.root.rstrip("/")
        self.local = Path(tempfile.mkdtemp(prefix="vnextract-out-"))

    def pull(self) -> None:
        """Copy what the remote output already holds (committed parts and manifest)."""
        if not self.fs.exists(self.root):
            return
        for path in self.fs.find(self.root):
            rel = path[len(self.root):].lstrip("/")
            if rel.endswith(".tmp"):
                continue
            target = self.local / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            self.fs.get_file(path, str(target))

    def _remote(self, local_path: Path) -> str:
        return f"{self.root}/{local_path.relative_to(self.local).as_posix()}"

    def push(self, local_path: Path) -> None:
        self.fs.makedirs(self._remote(local_path.parent), exist_ok=True)
        self.fs.put_file(str(local_path), self._remote(local_path))

    def move(self, local_source: Path, local_target: Path) -> None:
        """The remote copy of a local rename (a server-side copy and delete on object stores)."""
        self.fs.mv(self._remote(local_source), self._remote(local_target))

    def delete(self, local_path: Path) -> None:
        remote = self._remote(local_path)
        if self.fs.exists(remote):
            self.fs.rm(remote)

    def close(self) -> None:
        shutil.rmtree(self.local, ignore_errors=True)
