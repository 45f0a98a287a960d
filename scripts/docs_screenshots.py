"""Make the README's and the user guide's screenshots (docs/*.png) from today's window.

    python scripts/docs_screenshots.py

Starts Xvfb at 1366×768 (the commonest screen of a community centre's laptop), fills a practice
desk as tests/gui/fit_walk.py does, shows the registry with a search, reception just after a
check-in, the help log and the city's figures, and saves each as a small palette PNG.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHOTS = {
    # file in docs/: (page class, width of the saved image)
    "screenshot.png": ("ResidentsPage", 1280),
    "guide-reception.png": ("ReceptionPage", 960),
    "guide-help-log.png": ("HelpLogPage", 960),
    "guide-dashboard.png": ("DashboardPage", 960),
}

ON_DISPLAY = r"""
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from kyojo_desk.gui.app import create_context, create_window
from tests.gui.fit_walk import fill_desk, settle

out = Path(sys.argv[1])
context = create_context(Path(tempfile.mkdtemp(prefix="kyojo-docs-")))
data = context.taskman.run_on_db_now(fill_desk)
window = create_window(context)
window.show()
settle(app, context)
pages = {type(page).__name__: page for page in window.pages}
residents = window.show_page(type(pages["ResidentsPage"]))
residents.search_box.setText("やま")
settle(app, context)
window.grab().save(str(out / "ResidentsPage.png"))
reception = window.show_page(type(pages["ReceptionPage"]))
reception.load_events()
settle(app, context)
ids = [event.id for event in reception.events]
reception.event_picker.setCurrentIndex(ids.index(data["event"].id))
settle(app, context)
reception.name_search.setText(data["residents"][3].family_name)
settle(app, context)
reception.check_in_selected()
settle(app, context)
window.grab().save(str(out / "ReceptionPage.png"))
for name in ("HelpLogPage", "DashboardPage"):
    window.show_page(type(pages[name]))
    settle(app, context)
    window.grab().save(str(out / f"{name}.png"))
window.close()
context.taskman.shutdown()
"""


def main() -> int:
    import tempfile

    from PIL import Image

    from tests.xdisplay import run_on_display, xvfb

    with tempfile.TemporaryDirectory() as folder, xvfb(1366, 768) as display:
        finished = run_on_display(
            display, ON_DISPLAY, folder, KYOJO_LANG="ja", KYOJO_KEYRING="file"
        )
        if finished.returncode != 0:
            print(finished.stderr[-3000:], file=sys.stderr)
            return 1
        for target, (page, width) in SHOTS.items():
            image = Image.open(Path(folder) / f"{page}.png").convert("RGB")
            height = round(image.height * width / image.width)
            small = image.resize((width, height), Image.LANCZOS).quantize(colors=64)
            small.save(ROOT / "docs" / target, optimize=True)
            print(f"docs/{target}: {width}×{height}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
