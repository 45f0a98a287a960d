"""A layout that places widgets left to right and wraps them onto the next line when the width
runs out, so a row of buttons still fits the window at 200 % text or in a longer language."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget

DEFAULT_SPACING = 8


class FlowLayout(QLayout):
    """Like a QHBoxLayout without stretch: one line when there is room, more lines when not.

    Its minimum width is that of its widest item; its height follows the width it is given
    (height-for-width), so the layouts around it make room for the extra lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- the QLayout interface --------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything on one line."""
        visible = self._visible_items()
        width = sum(item.sizeHint().width() for item in visible)
        width += self._spacing(Qt.Orientation.Horizontal) * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:  # noqa: N802
        """As narrow as the widest item: the others go to the lines below."""
        size = QSize()
        for item in self._visible_items():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing the items ----------------------------------------------------------------------

    def _visible_items(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return DEFAULT_SPACING
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        found = parent.style().pixelMetric(metric, None, parent)
        return found if found >= 0 else DEFAULT_SPACING

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in `rect` (when `place`); returns the height they need."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        across = self._spacing(Qt.Orientation.Horizontal)
        down = self._spacing(Qt.Orientation.Vertical)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._visible_items():
            size = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            width = min(size.width(), max(area.width(), item.minimumSize().width()))
            if x > area.x() and x + width > area.x() + area.width():
                x, y = area.x(), y + line_height + down
                line_height = 0
            if place:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, size.height())))
            x += width + across
            line_height = max(line_height, size.height())
        return y + line_height - rect.y() + margins.bottom()


def flow_row(*widgets: QWidget) -> FlowLayout:
    """A FlowLayout holding `widgets` in order, each at its natural size."""
    row = FlowLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row
