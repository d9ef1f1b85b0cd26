"""Product photos: checked by their content (a renamed executable, a PDF, a fake or truncated image, one too
large in bytes or of absurd dimensions is refused on the same form, the other input kept); stored upright,
without metadata, in web sizes (never enlarged) as WebP and JPEG; served under content-addressed names
with a year-long cache; shown as <picture> with srcset on the product page and on cards."""
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.catalog.models import Product
from app.search.listing import bump_listing_version, refresh_listing
from tests.backoffice import MINIMAL_PDF, post_form, sign_in_as, text_of
from tests.integration.listing_data import (  # noqa: F401  (fixtures)
    admin,
    jpeg_bytes,
    listing_world,
    png_bytes,
    post_product,
    product_fields,
)

NEW = "/vendor/products/new"
EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + bytes(range(256)) * 8


def photo_of(app, db) -> tuple[str, list[int]]:
    with app.app_context():
        product = db.session.scalar(select(Product))
        return product.images[0].path, list(product.images[0].widths)


def stored_files(app, path: str, widths: list[int]) -> dict[str, Path]:
    digest = re.match(r"products/([0-9a-f]{32})-\d+\.jpg", path).group(1)
    folder = Path(app.instance_path) / "uploads" / "products"
    return {f"{width}.{extension}": folder / f"{digest}-{width}.{extension}"
            for width in widths for extension in ("webp", "jpg")}


def test_a_photo_is_stored_upright_without_metadata_in_web_sizes(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    # A camera's portrait photo: stored 1600 × 1200 with "rotate 90°" in its EXIF, and the camera's make.
    photo = jpeg_bytes(1600, 1200, orientation=6, exif_make="SecretCam")
    response = post_product(client, NEW, product_fields(listing_world), photos=[(photo, "IMG_0001.JPG")])
    assert response.status_code == 303
    path, widths = photo_of(app, db)
    assert widths == [320, 640, 1200] and path.endswith("-1200.jpg")
    for name, file in stored_files(app, path, widths).items():
        with Image.open(file) as stored:
            assert stored.format == ("WEBP" if name.endswith("webp") else "JPEG")
            assert stored.width == int(name.split(".")[0]) and stored.height > stored.width  # upright
            assert not stored.getexif() and "exif" not in stored.info
    assert b"SecretCam" not in stored_files(app, path, widths)["1200.jpg"].read_bytes()


def test_a_small_photo_is_never_enlarged_and_a_transparent_png_is_flattened(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    response = post_product(client, NEW, product_fields(listing_world),
                            photos=[(png_bytes(500, 700, transparent=True), "bottle.png")])
    assert response.status_code == 303
    path, widths = photo_of(app, db)
    assert widths == [320, 500]
    with Image.open(stored_files(app, path, widths)["500.jpg"]) as stored:
        assert stored.size == (500, 700) and min(stored.getpixel((10, 10))) > 245  # on white


@pytest.mark.parametrize("data, name, problem", [
    (EXECUTABLE, "perfume.jpg", "perfume.jpg is not a JPEG, PNG or WebP photo."),
    (MINIMAL_PDF, "bottle.png", "bottle.png is not a JPEG, PNG or WebP photo."),
    (b"GIF89a" + b"\x00" * 200, "fake.gif", "fake.gif is not a JPEG, PNG or WebP photo."),
    (jpeg_bytes()[:600], "cut-short.jpg", "cut-short.jpg is not a JPEG, PNG or WebP photo."),
    (png_bytes(12000, 300), "banner.png", "banner.png has unusable dimensions"),
    (png_bytes(120, 150), "tiny.png", "tiny.png has unusable dimensions"),
], ids=["renamed-executable", "pdf", "fake-gif", "truncated-jpeg", "absurd-dimensions", "too-small"])
def test_what_is_not_a_usable_photo_is_refused_with_the_input_kept(app, db, client, listing_world, data, name,
                                                                  problem):
    sign_in_as(client, listing_world.owner)
    response = post_product(client, NEW, product_fields(listing_world, name_en="Kept Name"), photos=[(data, name)])
    assert response.status_code == 422
    assert problem in text_of(response)
    html = response.get_data(as_text=True)
    assert 'value="Kept Name"' in html and 'value="AD-100"' in html and 'value="Saffron"' in html
    with app.app_context():
        assert db.session.scalar(select(Product)) is None


def test_a_photo_larger_than_the_setting_is_refused(app, db, client, listing_world, monkeypatch):
    monkeypatch.setitem(app.config, "PRODUCT_PHOTO_MAX_MB", 1)
    sign_in_as(client, listing_world.owner)
    noise = Image.frombytes("RGB", (1000, 1000), bytes(range(256)) * 11718 + bytes(192))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    assert len(buffer.getvalue()) > 1024 * 1024
    response = post_product(client, NEW, product_fields(listing_world), photos=[(buffer.getvalue(), "huge.png")])
    assert response.status_code == 422 and "huge.png is larger than 1 MB." in text_of(response)


def test_at_most_six_photos(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    photos = [(jpeg_bytes(400, 500, colour), f"{colour}.jpg")
              for colour in ("red", "blue", "green", "gold", "gray", "pink", "teal")]
    response = post_product(client, NEW, product_fields(listing_world), photos=photos)
    assert response.status_code == 422 and "at most 6 photos" in text_of(response)


def test_photos_are_served_with_a_year_long_cache(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    post_product(client, NEW, product_fields(listing_world), photos=[(jpeg_bytes(), "front.jpg")])
    path, widths = photo_of(app, db)
    digest = path.split("/")[1].split("-")[0]
    for extension, mimetype in (("webp", "image/webp"), ("jpg", "image/jpeg")):
        with client.get(f"/media/photos/{digest}-320.{extension}") as served:
            assert served.status_code == 200 and served.mimetype == mimetype
            cache = served.headers["Cache-Control"]
            assert "public" in cache and "max-age=31536000" in cache and "immutable" in cache
    for missing in (f"/media/photos/{digest}-321.webp", f"/media/photos/{'z' * 32}-320.webp",
                    f"/media/photos/{digest}-320.png", "/media/photos/../../etc-320.jpg"):
        assert client.get(missing).status_code == 404


def test_the_product_page_and_cards_show_the_photo_in_web_sizes(app, db, client, listing_world, admin):
    sign_in_as(client, listing_world.owner)
    post_product(client, NEW, product_fields(listing_world), photos=[(jpeg_bytes(), "front.jpg")])
    with app.app_context():
        product = db.session.scalar(select(Product))
        product_id, slug = product.id, product.slug
    sign_in_as(client, admin, second_factor=True)
    post_form(client, f"/admin/products/{product_id}/approve", f"/admin/products/{product_id}")
    with app.app_context():
        refresh_listing([product_id])
        db.session.commit()
        bump_listing_version()
    path, widths = photo_of(app, db)
    digest = path.split("/")[1].split("-")[0]
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    gallery = page.split('id="gallery"')[1].split("</div>")[0]
    assert '<source type="image/webp"' in gallery and f"/media/photos/{digest}-640.webp 640w" in gallery
    assert f'src="/media/photos/{digest}-900.jpg"' in gallery and "/img/bottle/" not in gallery
    listing = client.get("/products?q=amber").get_data(as_text=True)
    card = re.search(r'<article class="product-card">.*?</article>', listing, re.S).group(0)
    assert f"/media/photos/{digest}-320.webp 320w" in card and "/img/bottle/" not in card
    home = client.get("/").get_data(as_text=True)  # the product page was viewed: the home page's strip shows it
    strip = home.split('id="recently-viewed-title"')[1].split("</section>")[0]
    assert f'srcset="/media/photos/{digest}-320.webp"' in strip and "/img/bottle/" not in strip


def test_a_request_larger_than_the_server_takes_comes_back_as_the_form(app, db, client, listing_world, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    sign_in_as(client, listing_world.owner)
    response = post_product(client, NEW, product_fields(listing_world), photos=[(b"\xff" * 1_500_000, "big.jpg")])
    assert response.status_code == 413
    assert "Your files together are larger than 1 MB." in text_of(response)
    assert 'name="name_en"' in response.get_data(as_text=True)


def test_a_photo_sent_with_a_form_that_came_back_is_kept(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    first = post_product(client, NEW, product_fields(listing_world, name_ar="Dune"),
                         photos=[(jpeg_bytes(), "front.jpg"), (EXECUTABLE, "evil.jpg")])
    assert first.status_code == 422 and "evil.jpg is not a JPEG, PNG or WebP photo." in text_of(first)
    kept = re.findall(r'name="sent_photos" value="([^"]+)"', first.get_data(as_text=True))
    assert len(kept) == 1 and kept[0].endswith(" 320,640,900")
    forged = ["products/" + "a" * 32 + "-900.jpg 320,640,900", "../../secret.jpg 320"]
    second = post_product(client, NEW, product_fields(listing_world), sent_photos=kept + forged)
    assert second.status_code == 303
    path, widths = photo_of(app, db)
    assert f"{path} {','.join(map(str, widths))}" == kept[0]
    with app.app_context():
        assert len(db.session.scalar(select(Product)).images) == 1
