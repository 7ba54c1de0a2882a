"""The reference for the packaging benchmark: the smallest PySide6 window, built with the same
spec (PT_HELLO=1), started the same way (it exits once its window is shown)."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(400, 200)
    window.show()
    if "--smoke" in sys.argv:
        QTimer.singleShot(0, lambda: (print("window shown: Hello", flush=True), window.close()))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
