"""Quiet cues at reception: one short high tone for ✔, two low tones for ！.

A volunteer looking at the person in front of them (not at the screen) hears whether the card
was read. Off by default (a setting): a hall during a talk must stay quiet. The tones are made
here as small WAV files in the desk's data folder, so nothing is shipped or downloaded.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

SETTING = "reception/sound"
SAMPLE_RATE = 22050
VOLUME = 0.25  # quiet: a cue, not an alarm

# (frequency in Hz, milliseconds) per tone, with a short silence between tones.
CUES = {
    "ok": [(1046.5, 140)],
    "attention": [(392.0, 160), (392.0, 160)],
}
GAP_MS = 90


def tone_samples(tones: list[tuple[float, int]]) -> bytes:
    """16-bit mono samples of `tones`, each faded in and out so it does not click."""
    frames = bytearray()
    for number, (frequency, milliseconds) in enumerate(tones):
        if number:
            frames += b"\x00\x00" * (SAMPLE_RATE * GAP_MS // 1000)
        count = SAMPLE_RATE * milliseconds // 1000
        fade = max(1, count // 10)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - i) / fade)
            value = VOLUME * envelope * math.sin(2 * math.pi * frequency * i / SAMPLE_RATE)
            frames += struct.pack("<h", int(value * 32767))
    return bytes(frames)


def write_cue(path: Path, cue: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(tone_samples(CUES[cue]))
    return path


class ReceptionSounds(QObject):
    """Plays the cue of a reception answer when the desk's sound setting is on."""

    def __init__(self, settings, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.folder = folder
        self._effects: dict = {}

    def enabled(self) -> bool:
        return str(self.settings.value(SETTING, "false")).lower() == "true"

    def effect(self, cue: str):
        """The QSoundEffect of a cue, made on first use."""
        if cue not in self._effects:
            from PySide6.QtMultimedia import QSoundEffect

            path = self.folder / f"reception-{cue}.wav"
            if not path.exists():
                write_cue(path, cue)
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(1.0)
            self._effects[cue] = effect
        return self._effects[cue]

    def play(self, cue: str) -> bool:
        """Play `cue` ("ok" or "attention") if sound is on; True when it was played."""
        if cue not in CUES or not self.enabled():
            return False
        self.effect(cue).play()
        return True
