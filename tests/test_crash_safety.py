"""A writer killed with SIGKILL at random moments loses no edit it reported as committed, and
the file always opens again for editing: a crash is never mistaken for damage."""

import signal

import pytest

from file_faults import run_kills

KILLS = 25


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_loses_nothing_and_always_reopens():
    counts, seed = run_kills(KILLS)
    assert counts.kills == KILLS, f"seed {seed}"
    assert counts.recovered_notes == counts.hot_journals, f"seed {seed}"
    assert counts.reported, f"seed {seed}: the writer never reported an edit"
    print(
        f"seed {seed}: {counts.kills} kills, {counts.hot_journals} hot journals recovered, "
        f"{len(counts.present)} edits in the file, {len(counts.reported)} reported"
    )
