"""Type stubs of the yinyu package (see ``yinyu/__init__.py`` for the docs)."""

import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, List, Optional, Tuple, TypedDict, Union

PathLike = Union[str, "os.PathLike[str]"]

__version__: str
COLUMNS: Tuple[str, ...]
INT_COLUMNS: Tuple[str, ...]
FLOAT_COLUMNS: Tuple[str, ...]
CATEGORY_COLUMNS: Tuple[str, ...]

class YinyuError(Exception):
    """Invalid text, an unreadable input, an unknown encoding, an internal error."""

class LexiconError(YinyuError):
    """Invalid lexicons: the message lists every problem as ``file:line: message``."""

    problems: List[str]

class Row(TypedDict):
    """One unit of speech: the CLI's CSV columns plus ``pieces``."""

    doc: str
    quote_id: int
    kind: str
    start: int
    end: int
    text: str
    speaker: str
    speaker_id: str
    speaker_type: str
    title: str
    affiliation: str
    cue: str
    method: str
    confidence: float
    themes: str
    stance: str
    cue_stance: str
    pieces: List[Tuple[int, int]]

class Tagger:
    """A compiled tagger: build once, call on any number of texts."""

    def __init__(
        self,
        lexicons: Optional[PathLike] = None,
        themes: bool = True,
        *,
        each_line: bool = False,
        include_terms: bool = False,
    ) -> None: ...
    @property
    def each_line(self) -> bool: ...
    def extract(self, text: str, doc: str = "") -> List[Row]:
        """The rows of one text (``doc`` named as the CLI names a file's rows)."""
    def extract_many(
        self,
        texts: Iterable[str],
        docs: Optional[Iterable[str]] = None,
        threads: Optional[int] = None,
    ) -> List[Row]:
        """The rows of many texts in input order, tagged in parallel without the GIL."""
    def extract_frame(self, df: Any, text: str = "text", doc: str = "doc", threads: Optional[int] = None) -> Any:
        """A typed pandas DataFrame of the rows of ``df[text]``."""
    def extract_arrow(self, table: Any, text: str = "text", doc: str = "doc", threads: Optional[int] = None) -> Any:
        """A typed pyarrow Table of the rows of ``table[text]``."""

def arrow_schema(dictionary: bool = True) -> Any:
    """The Arrow schema of the rows."""

@dataclass(frozen=True)
class Entry:
    """One input met by :func:`read_files`."""

    path: str
    status: str
    reason: str
    is_error: bool
    bytes: int = ...

@dataclass
class Files:
    """The texts read, their ``doc`` names, and an entry per input."""

    paths: List[str]
    docs: List[str]
    texts: List[str]
    entries: List[Entry]
    def __iter__(self) -> Iterator[Tuple[str, str]]: ...
    def __len__(self) -> int: ...
    @property
    def processed(self) -> List[Entry]: ...
    @property
    def skipped(self) -> List[Entry]: ...
    @property
    def failed(self) -> List[Entry]: ...
    @property
    def errors(self) -> int: ...
    def all_processed(self) -> bool: ...
    def summary(self) -> str: ...

def read_files(
    paths: Union[PathLike, Iterable[PathLike]],
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> Files:
    """Reads ``.txt`` files and directories as ``yinyu extract`` does, accounting for every input."""
