"""Write the shipped sample participants (helpers/data/participants/*.csv) from the data.

The samples are not invented: the briefing's own ACH ratings (``ach_evidence``) and each
documented alternative reading (``ach_readings``), as
:func:`helpers.models.agreement.sample_participants` derives them. Run this after editing
either dataset; ``tests/test_agreement.py`` fails while the files and the data disagree.

    .venv/bin/python tests/make_sample_participants.py
"""

from __future__ import annotations

from helpers.data.ratings import PARTICIPANTS_DIR, ratings_csv
from helpers.models import agreement


def main() -> None:
    data = agreement.load_data()
    shape = agreement.matrix(data)
    PARTICIPANTS_DIR.mkdir(exist_ok=True)
    samples = agreement.sample_participants(data)
    for stale in PARTICIPANTS_DIR.glob("*.csv"):
        if stale.stem not in samples:
            stale.unlink()
    for name, ratings in samples.items():
        path = PARTICIPANTS_DIR / f"{name}.csv"
        path.write_text(ratings_csv(ratings, shape), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
