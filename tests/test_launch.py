"""The launch command's window: shows the demo's programmes, and the read-only state."""

from PySide6.QtWidgets import QLabel

from ui.main_window import MainWindow


def test_window_lists_programmes_with_their_summary(qtbot, demo):
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    text = window.browser.toPlainText()
    for name in ("Chief Executive Services Performance Plan 2009-12", "Working Smarter Programme",
                 "Cabinet Workplan 2004-05: Corporate Services Directorate",
                 "Home-working Pilot Project",
                 "Worcestershire Hub Scrutiny – Monitoring of Recommendations"):
        assert name in text
    assert "81% (29)" in text and "19% (7)" in text
    assert window.windowTitle() == "demo.ptdb – Programme Tracker"


def test_read_only_state_is_shown(qtbot, demo_path):
    from app.database import Database

    with Database.open(demo_path) as first, Database.open(demo_path) as second:
        assert not first.read_only
        window = MainWindow(second)
        qtbot.addWidget(window)
        labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
        assert any("is being edited by Test User" in label for label in labels)
