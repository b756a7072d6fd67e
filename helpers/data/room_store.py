"""The room's answers, kept in SQLite in a folder the lecturer names (one folder, one seminar).

Why SQLite: the room server acknowledges a submission only after its transaction is committed
(write-ahead log, ``synchronous=FULL``), so a crash, a closed lid or a ``kill -9`` loses nothing
a participant was told was received, and ``make room`` on the same folder resumes the room with
its code, its rounds and its participants. The chair's views open the same file read-only.

What a participant sends is checked whole here before anything is written (a submission is
taken entirely or not at all), against the evidence items, rating scale and question ids the
caller passes in (the ACH and forecasts models own them; this layer imports nothing above it):

* the name follows the one rule for names (``helpers.data.names``);
* a name belongs to the browser that first used it: the first submission issues a secret (only
  its hash is stored), and a later one under the same name without it is refused -- nobody can
  replace another participant's answers by typing their name;
* answers are taken only for the round the chair has open.

Every refusal is a :class:`Refused` with a sentence for the participant and an HTTP status.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import math
import secrets
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from helpers.data.forecast_files import PROBABILITY, QUESTION, Forecasts
from helpers.data.names import NameRefused, clean_name, name_key
from helpers.data.participant_files import PARTICIPANT, ROUND, ROUNDS
from helpers.data.ratings import EVIDENCE, Matrix, Ratings

FILE = "room.sqlite"
MAX_PARTICIPANTS = 500  # a large lecture; a flood of names cannot fill the disk
MAX_RATIONALE = 200  # characters: one line
RATIONALE = "rationale"
CODE_LETTERS = "ACDEFHJKMNPRTUVWXY"  # no letters read as digits or as one another
CODE_LENGTH = 5
FORMULA_START = ("=", "+", "-", "@")  # a spreadsheet runs such a cell as a formula
MIN_SECRET, MAX_SECRET = 16, 200  # characters of a secret a browser makes for itself

_SCHEMA = """
CREATE TABLE IF NOT EXISTS room (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL, title TEXT NOT NULL, created TEXT NOT NULL, version TEXT NOT NULL,
    open_round INTEGER NOT NULL, revealed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS participants (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
    joined TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS answers (
    key TEXT NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL,
    value TEXT NOT NULL, rationale TEXT NOT NULL DEFAULT '', at TEXT NOT NULL,
    PRIMARY KEY (key, round, kind, item));
CREATE TABLE IF NOT EXISTS chair_log (at TEXT NOT NULL, action TEXT NOT NULL);
"""


class Refused(ValueError):
    """A submission or action not taken; ``str()`` is the sentence to show, ``status`` the
    HTTP status the server answers with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RoomStatus:
    """What the room is: its code, its seminar's title and date, the briefing's version it
    runs, the round open (0: none), whether the chair revealed the results, and how many
    participants answered in each round."""

    code: str
    title: str
    created: str
    version: str
    open_round: int
    revealed: bool
    answered: Mapping[int, int]

    def line(self) -> str:
        """'18 participants, round 1 open' -- what the chair's view says of the room."""
        shown = self.open_round or max((r for r, n in self.answered.items() if n), default=1)
        n = self.answered.get(shown, 0)
        state = "open" if self.open_round else "closed"
        return f"{n} participant{'' if n == 1 else 's'}, round {shown} {state}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _one_line(text: str) -> str:
    """A rationale as one line of visible text: controls and invisible characters dropped
    (a right-to-left override would garble the chair's table), spaces made single."""
    kept = "".join(
        c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c)[0] != "C"
    )
    return " ".join(kept.split())


def _probability(value: object, qid: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused(f"The probability for {qid} must be a number from 0 to 1.")
    if not (0 <= value <= 1) or (isinstance(value, float) and math.isnan(value)):
        raise Refused(f"The probability for {qid} must be from 0 to 1 (0% to 100%).")
    return float(value)


def check_forecasts(answers: object, question_ids: Sequence[str]) -> dict[str, tuple[float, str]]:
    """A participant's forecasts from a submission: question id -> (probability, rationale);
    a question left empty is skipped. Refused whole when anything is not as the page sends."""
    if not isinstance(answers, dict):
        raise Refused("The forecasts must be a list of questions with probabilities.")
    known = set(question_ids)
    taken: dict[str, tuple[float, str]] = {}
    for qid, answer in answers.items():
        if qid not in known:
            raise Refused("A forecast names a question this briefing does not ask.")
        if not isinstance(answer, dict) or not set(answer) <= {"p", "why"}:
            raise Refused(f"The forecast for {qid} must be a probability and a rationale.")
        p = _probability(answer.get("p"), qid)
        why = answer.get("why") or ""
        if not isinstance(why, str) or len(why) > MAX_RATIONALE:
            raise Refused(f"The rationale for {qid} must be text of at most {MAX_RATIONALE} "
                          "characters.")  # fmt: skip
        if p is not None:
            taken[qid] = (p, _one_line(why))
    if not taken:
        raise Refused("Give a probability for at least one question.")
    return taken


def check_ratings(answers: object, matrix: Matrix) -> dict[str, tuple[str, ...]]:
    """A participant's ratings from a submission: evidence id -> one rating per hypothesis,
    every item rated (half a matrix would score misleadingly)."""
    if not isinstance(answers, dict):
        raise Refused("The ratings must be a list of evidence items with ratings.")
    unknown = [e for e in answers if e not in matrix.evidence_ids]
    if unknown:
        raise Refused("A rating names an evidence item this briefing does not list.")
    missing = [e for e in matrix.evidence_ids if e not in answers]
    if missing:
        raise Refused("Rate every evidence item before sending; not yet rated: "
                      + ", ".join(missing) + ".")  # fmt: skip
    taken: dict[str, tuple[str, ...]] = {}
    for eid in matrix.evidence_ids:
        row = answers[eid]
        if not isinstance(row, dict) or set(row) != set(matrix.columns):
            raise Refused(f"Item {eid} needs one rating for each hypothesis.")
        if any(row[c] not in matrix.scale for c in matrix.columns):
            raise Refused(f"Item {eid}: each rating must be one of {', '.join(matrix.scale)}.")
        taken[eid] = tuple(row[c] for c in matrix.columns)
    return taken


def _display_name(name: object) -> str:
    """The name to show, by the one rule for names, and not one a spreadsheet would run."""
    if not isinstance(name, str):
        raise Refused("Type your name first.")
    try:
        shown = clean_name(name)
    except NameRefused as why:
        raise Refused(f"That name cannot be used: {why}.") from None
    if shown.startswith(FORMULA_START):
        raise Refused("A name cannot begin with =, +, - or @ (spreadsheets read it as a "
                      "formula).")  # fmt: skip
    return shown


def _answer_rows(
    ratings: object, forecasts: object, matrix: Matrix, question_ids: Sequence[str]
) -> list[tuple[str, str, str, str]]:
    """A submission's answers as rows (kind, item, value, rationale), each part checked."""
    if ratings is None and forecasts is None:
        raise Refused("Nothing to send: rate the evidence or give a forecast.")
    rows: list[tuple[str, str, str, str]] = []
    if ratings is not None:
        for eid, row in check_ratings(ratings, matrix).items():
            rows.append(("ratings", eid, " ".join(row), ""))
    if forecasts is not None:
        for qid, (p, why) in check_forecasts(forecasts, question_ids).items():
            rows.append(("forecasts", qid, repr(p), why))
    return rows


class RoomStore:
    """One seminar's room in ``folder/room.sqlite``: created on first use (with a new room
    code), resumed as it was afterwards. ``read_only`` opens it for the chair's views."""

    def __init__(
        self,
        folder: str | Path,
        *,
        title: str = "",
        version: str = "",
        read_only: bool = False,
    ):
        self.path = Path(folder) / FILE
        if read_only:
            if not self.path.is_file():
                raise FileNotFoundError(f"no room in {folder} (no {FILE}): start it with make room")
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(_SCHEMA)
            with self._transaction():
                if self.db.execute("SELECT 1 FROM room").fetchone() is None:
                    code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
                    self.db.execute(
                        "INSERT INTO room VALUES (1, ?, ?, ?, ?, 1, 0)",
                        (code, title, _now()[:10], version),
                    )
        self.db.execute("PRAGMA busy_timeout=5000")

    def close(self) -> None:
        self.db.close()

    def _transaction(self) -> _Commit:
        """A context manager committing on success: ``with self._transaction(): ...``."""
        self.db.execute("BEGIN IMMEDIATE")
        return _Commit(self.db)

    def status(self) -> RoomStatus:
        code, title, created, version, open_round, revealed = self.db.execute(
            "SELECT code, title, created, version, open_round, revealed FROM room"
        ).fetchone()
        counts = dict(
            self.db.execute(
                "SELECT a.round, COUNT(DISTINCT a.key) FROM answers a JOIN participants p "
                "ON p.key = a.key WHERE p.removed = 0 GROUP BY a.round"
            ).fetchall()
        )
        answered = {r: counts.get(r, 0) for r in ROUNDS}
        return RoomStatus(code, title, created, version, open_round, bool(revealed), answered)

    def submit(
        self,
        name: object,
        secret: object,
        round_no: object,
        *,
        ratings: object = None,
        forecasts: object = None,
        matrix: Matrix,
        question_ids: Sequence[str],
    ) -> tuple[str, str]:
        """Take a participant's answers for the open round, whole or not at all; returns the
        name as shown and the participant's secret (new on their first submission). Returns
        only after the answers are on disk."""
        shown = _display_name(name)
        if secret is not None and (not isinstance(secret, str) or len(secret) > MAX_SECRET):
            raise Refused("Your browser sent a malformed key; reload the page.")
        status = self.status()
        if not status.open_round:
            raise Refused("No round is open: wait for the chair to open one.", 423)
        if round_no != status.open_round:
            raise Refused(f"Round {status.open_round} is open now, not round {round_no}: "
                          "reload the page.", 409)  # fmt: skip
        rows = _answer_rows(ratings, forecasts, matrix, question_ids)
        key = name_key(shown)
        with self._transaction():
            shown, secret = self._owner(key, shown, secret)
            for kind in {r[0] for r in rows}:
                self.db.execute(
                    "DELETE FROM answers WHERE key = ? AND round = ? AND kind = ?",
                    (key, round_no, kind),
                )
            at = _now()
            self.db.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(key, round_no, kind, item, value, why, at) for kind, item, value, why in rows],
            )
        return shown, secret

    def _owner(self, key: str, shown: str, secret: object) -> tuple[str, str]:
        """The name as first given and the secret that owns it: a new participant is added
        (with the browser's own secret, or one made here), a known one must bring theirs."""
        known = self.db.execute(
            "SELECT name, secret_hash, removed FROM participants WHERE key = ?", (key,)
        ).fetchone()
        if known is None:
            taken = self.db.execute("SELECT COUNT(*) FROM participants").fetchone()[0]
            if taken >= MAX_PARTICIPANTS:
                raise Refused(f"The room is full ({MAX_PARTICIPANTS} participants).", 403)
            # A browser may bring its own secret (so a submission whose answer was lost on
            # the way can be sent again); otherwise one is made here.
            if not (isinstance(secret, str) and MIN_SECRET <= len(secret) <= MAX_SECRET):
                secret = secrets.token_urlsafe(24)
            self.db.execute(
                "INSERT INTO participants VALUES (?, ?, ?, ?, 0)",
                (key, shown, _hash(secret), _now()),
            )
            return shown, secret
        first, stored, removed = known
        if removed:
            raise Refused("The chair has removed this name from the room.", 403)
        if not isinstance(secret, str) or not hmac.compare_digest(_hash(secret), stored):
            raise Refused(
                "This name is already taken in this room. Choose another name, or send from "
                "the browser you first sent from.",
                403,
            )
        return first, secret

    # The chair's actions (the server takes them only from the laptop itself).
    def open_round(self, round_no: int) -> None:
        if round_no not in ROUNDS:
            raise Refused(f"Rounds are {', '.join(map(str, ROUNDS))}.")
        self._chair("UPDATE room SET open_round = ?", (round_no,), f"open round {round_no}")

    def close_round(self) -> None:
        self._chair("UPDATE room SET open_round = 0", (), "close the round")

    def reveal(self, shown: bool = True) -> None:
        self._chair("UPDATE room SET revealed = ?", (int(shown),), f"reveal={shown}")

    def remove(self, name: str) -> bool:
        """Take a participant and their answers out of the room; False if no such name."""
        key = name_key(name)
        with self._transaction():
            found = self.db.execute(
                "UPDATE participants SET removed = 1 WHERE key = ? AND removed = 0", (key,)
            ).rowcount
            self.db.execute("DELETE FROM answers WHERE key = ?", (key,))
            self.db.execute("INSERT INTO chair_log VALUES (?, ?)", (_now(), f"remove {name}"))
        return bool(found)

    def _chair(self, sql: str, args: tuple, action: str) -> None:
        with self._transaction():
            self.db.execute(sql, args)
            self.db.execute("INSERT INTO chair_log VALUES (?, ?)", (_now(), action))

    # What the chair's views read.
    def _answers(self, kind: str, round_no: int) -> list[tuple[str, str, str, str]]:
        return self.db.execute(
            "SELECT p.name, a.item, a.value, a.rationale FROM answers a JOIN participants p "
            "ON p.key = a.key WHERE p.removed = 0 AND a.kind = ? AND a.round = ? "
            "ORDER BY p.joined, p.key, a.item",
            (kind, round_no),
        ).fetchall()

    def forecasts(self, round_no: int) -> dict[str, Forecasts]:
        """Each participant's forecasts in a round, in the order they joined."""
        out: dict[str, Forecasts] = {}
        for name, qid, value, _ in self._answers("forecasts", round_no):
            out.setdefault(name, {})[qid] = float(value)
        return out

    def rationales(self, round_no: int) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for name, qid, _, why in self._answers("forecasts", round_no):
            if why:
                out.setdefault(name, {})[qid] = why
        return out

    def ratings(self, round_no: int, matrix: Matrix) -> dict[str, Ratings]:
        """Each participant's ratings in a round, rows in the matrix's order."""
        rows: dict[str, dict[str, tuple[str, ...]]] = {}
        for name, eid, value, _ in self._answers("ratings", round_no):
            rows.setdefault(name, {})[eid] = tuple(value.split(" "))
        return {
            name: tuple(by_id[e] for e in matrix.evidence_ids if e in by_id)
            for name, by_id in rows.items()
        }

    def export(self, matrix: Matrix, question_ids: Sequence[str]) -> dict[str, str]:
        """The room as the two CSV files the seminar views read (file name -> text): every
        round, with a ``round`` column, in the combined shape (a ``participant`` column)."""
        f_out, r_out = io.StringIO(), io.StringIO()
        fw, rw = csv.writer(f_out, lineterminator="\n"), csv.writer(r_out, lineterminator="\n")
        fw.writerow([PARTICIPANT, ROUND, QUESTION, PROBABILITY, RATIONALE])
        rw.writerow([PARTICIPANT, ROUND, EVIDENCE, *matrix.columns])
        for round_no in ROUNDS:
            why = self.rationales(round_no)
            for name, answers in self.forecasts(round_no).items():
                for qid in question_ids:
                    if qid in answers:
                        text = why.get(name, {}).get(qid, "")
                        safe = "'" + text if text.startswith(FORMULA_START) else text
                        fw.writerow([name, round_no, qid, f"{answers[qid]:g}", safe])
            for name, rows in self.ratings(round_no, matrix).items():
                for eid, row in zip(matrix.evidence_ids, rows, strict=True):
                    rw.writerow([name, round_no, eid, *row])
        return {"forecasts.csv": f_out.getvalue(), "ratings.csv": r_out.getvalue()}


class _Commit:
    """Commit the transaction begun by ``RoomStore._transaction`` on success, roll it back on
    any error (a refusal inside it changes nothing)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")
