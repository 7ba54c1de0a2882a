"""The reference for the packaging benchmark: the smallest PySide6 window, built with the same
spec (PT_HELLO=1), started the same way: with ``--smoke`` it prints "window shown: Hello" once
its window has been painted, as the application does (ui/shell/application.py, FirstPaint),
and exits."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window, self.done = window, False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print("window shown: Hello", flush=True)
        self.window.close()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(400, 200)
    window.show()
    if "--smoke" in sys.argv:
        FirstPaint(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
