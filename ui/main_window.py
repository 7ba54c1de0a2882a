"""The main window. For now: the programmes in the file and each one's summary of progress.

The editing window (tree, judgements, undo) is issue 3; this is what the launch command shows.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QMainWindow, QTextBrowser

from app.database import Database
from app.queries import periods, programmes
from app.summary import CATEGORY_ORDER, CATEGORY_TITLES, summarise


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{db.path.name} – Programme Tracker")
        self.browser = QTextBrowser()
        self.setCentralWidget(self.browser)
        if db.read_only_reason:
            self.statusBar().addWidget(QLabel(f"Read-only: {db.read_only_reason}."))
        self.browser.setHtml(self._overview())

    def _overview(self) -> str:
        parts = [f"<h1>{escape(self.db.path.name)}</h1>"]
        with self.db.reader() as session:
            for programme in programmes(session):
                parts.append(f"<h2>{escape(programme.name)}</h2>")
                if programme.organisation:
                    parts.append(f"<p>{escape(programme.organisation)}</p>")
                period_rows = periods(session, programme.id)
                if not period_rows:
                    continue
                summary = summarise(session, programme.id, period_rows[0].id)
                parts.append(
                    f"<p>{escape(summary.period)}</p><table border=1 cellpadding=4>"
                    "<tr><th>Group</th><th>Actions</th>"
                )
                cats = [c for c in CATEGORY_ORDER if c in summary.glyphs]
                parts.extend(
                    f"<th>% {CATEGORY_TITLES[c]} {escape(summary.glyphs[c])}</th>" for c in cats
                )
                parts.append("<th>Not yet judged</th></tr>")
                for group in summary.groups:
                    parts.append(f"<tr><td>{escape(group.name)}</td><td>{group.actions}</td>")
                    parts.extend(
                        f"<td>{group.percent(c)}% ({group.counts.get(c, 0)})</td>" for c in cats
                    )
                    parts.append(f"<td>{group.unjudged}</td></tr>")
                parts.append("</table>")
        return "".join(parts)
