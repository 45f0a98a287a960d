"""Draw the simple phone-screen pictures used by the booklets (run: python make_images.py).

Every picture is drawn here with Pillow, so the booklets carry no copied images."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent.parent / "resources" / "fonts" / "BIZUDPGothic-Bold.ttf"
WIDTH, HEIGHT = 600, 900


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def phone() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A phone outline with side buttons; the screen is the area 150..450 × 90..810."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((130, 40, 470, 860), radius=40, fill="#333333")
    draw.rectangle((150, 90, 450, 810), fill="#F4F7FB")
    draw.rounded_rectangle((470, 220, 482, 300), radius=4, fill="#333333")  # power
    draw.rounded_rectangle((118, 200, 130, 260), radius=4, fill="#333333")  # volume up
    draw.rounded_rectangle((118, 275, 130, 335), radius=4, fill="#333333")  # volume down
    return image, draw


def label(
    draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int = 30, fill: str = "#222222"
) -> None:
    draw.text(xy, text, font=font(size), fill=fill, anchor="mm")


def arrow(draw: ImageDraw.ImageDraw, start: tuple[int, int], end: tuple[int, int]) -> None:
    draw.line((start, end), fill="#D9363E", width=10)
    x, y = end
    dx = 1 if end[0] > start[0] else -1
    draw.polygon([(x, y), (x - dx * 28, y - 18), (x - dx * 28, y + 18)], fill="#D9363E")


def buttons() -> Image.Image:
    image, draw = phone()
    arrow(draw, (560, 260), (488, 260))
    label(draw, (540, 200), "電源", 34, "#D9363E")
    arrow(draw, (40, 230), (112, 230))
    label(draw, (60, 180), "音＋", 34, "#D9363E")
    arrow(draw, (40, 305), (112, 305))
    label(draw, (60, 360), "音－", 34, "#D9363E")
    label(draw, (300, 450), "12:30", 70)
    return image


def home() -> Image.Image:
    image, draw = phone()
    apps = [("電話", "#2EAD4B"), ("LINE", "#06C755"), ("カメラ", "#555555"), ("地域", "#1F5AA6")]
    for index, (name, color) in enumerate(apps):
        x = 200 + (index % 2) * 200
        y = 250 + (index // 2) * 220
        draw.rounded_rectangle((x - 60, y - 60, x + 60, y + 60), radius=24, fill=color)
        label(draw, (x, y + 95), name, 30)
    draw.ellipse((350, 440, 470, 560), outline="#D9363E", width=8)
    return image


def call() -> Image.Image:
    image, draw = phone()
    label(draw, (300, 220), "電話がきました", 36)
    label(draw, (300, 290), "090-1234-5678", 32)
    draw.ellipse((190, 620, 290, 720), fill="#2EAD4B")
    draw.ellipse((310, 620, 410, 720), fill="#D9363E")
    label(draw, (240, 760), "出る", 30)
    label(draw, (360, 760), "切る", 30)
    return image


def chat() -> Image.Image:
    image, draw = phone()
    draw.rectangle((150, 90, 450, 160), fill="#06C755")
    label(draw, (300, 125), "LINE", 34, "white")
    draw.rounded_rectangle(
        (170, 200, 390, 270), radius=20, fill="white", outline="#BBBBBB", width=2
    )
    label(draw, (280, 235), "こんにちは", 28)
    draw.rounded_rectangle((230, 300, 430, 370), radius=20, fill="#A8E6A1")
    label(draw, (330, 335), "元気です", 28)
    draw.rounded_rectangle(
        (165, 730, 380, 790), radius=20, fill="white", outline="#BBBBBB", width=2
    )
    draw.polygon([(400, 740), (440, 760), (400, 780)], fill="#06C755")
    return image


def camera() -> Image.Image:
    image, draw = phone()
    draw.rectangle((150, 90, 450, 660), fill="#BFD9F2")
    draw.polygon([(170, 640), (280, 420), (390, 640)], fill="#6A9E5B")
    draw.ellipse((360, 150, 420, 210), fill="#F5C542")
    draw.rectangle((150, 660, 450, 810), fill="#222222")
    draw.ellipse((255, 690, 345, 780), fill="white", outline="#888888", width=6)
    return image


def scam() -> Image.Image:
    image, draw = phone()
    draw.rounded_rectangle(
        (165, 200, 435, 470), radius=20, fill="white", outline="#D9363E", width=6
    )
    label(draw, (300, 250), "【重要】", 30, "#D9363E")
    label(draw, (300, 300), "料金が未払い", 30)
    label(draw, (300, 350), "今日中に", 30)
    label(draw, (300, 400), "ここを押して", 30)
    draw.line((170, 520, 430, 800), fill="#D9363E", width=14)
    draw.line((430, 520, 170, 800), fill="#D9363E", width=14)
    return image


def app_register() -> Image.Image:
    image, draw = phone()
    draw.rectangle((150, 90, 450, 160), fill="#1F5AA6")
    label(draw, (300, 125), "地域アプリ", 32, "white")
    for index, name in enumerate(("名前", "電話番号", "地区")):
        y = 230 + index * 120
        label(draw, (220, y - 35), name, 26)
        draw.rounded_rectangle(
            (170, y - 10, 430, y + 45), radius=10, fill="white", outline="#999999", width=2
        )
    draw.rounded_rectangle((190, 640, 410, 720), radius=20, fill="#2EAD4B")
    label(draw, (300, 680), "登録", 34, "white")
    return image


def event_join() -> Image.Image:
    image, draw = phone()
    label(draw, (300, 200), "スマホ教室", 38)
    label(draw, (300, 270), "12月5日 10時", 30)
    label(draw, (300, 330), "コミュニティセンター", 26)
    draw.rounded_rectangle((190, 560, 410, 640), radius=20, fill="#1F5AA6")
    label(draw, (300, 600), "参加する", 34, "white")
    return image


PICTURES = {
    "buttons": buttons,
    "home": home,
    "call": call,
    "chat": chat,
    "camera": camera,
    "scam": scam,
    "app_register": app_register,
    "event_join": event_join,
}


def main() -> None:
    for name, draw_picture in PICTURES.items():
        draw_picture().save(HERE / f"{name}.png", optimize=True)
        print(f"written {name}.png")


if __name__ == "__main__":
    main()
