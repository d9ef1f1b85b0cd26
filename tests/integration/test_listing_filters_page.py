"""The listing pages on the demo catalog: every filter through the page against a direct SQL count, the
disjunctive counts the panel shows, long groups' top values and their full lists (the facet endpoint, the note
search, `expand` without JavaScript), chips and clear all, advice when nothing matches, bad parameters, and
the brand, category, shop and search pages with their fixed scope."""
import re
from html import unescape

import pytest
from sqlalchemy import text

from tests.integration.test_product_listing_page import count_shown, store  # noqa: F401 (fixture)

# The products the store shows, with what the filters look at, straight from the catalog tables.
VISIBLE = """
WITH vo AS (
    SELECT va.product_id, va.size_ml, va.kind, o.price, o.compare_at_price, o.stock, o.gift_wrap,
           o.cashback_percent, o.delivery_promise, v.slug AS vendor_slug, v.emirate
    FROM offer o JOIN variant va ON va.id = o.variant_id JOIN vendor v ON v.id = o.vendor_id
    WHERE o.is_active AND v.status = 'approved'
), vis AS (
    SELECT p.*, b.slug AS brand_slug, b.style, lower(b.country) AS origin, c.slug AS category_slug,
           -- a card's price: its cheapest full size's, a sample's only when nothing else is sold
           coalesce((SELECT min(price) FROM vo WHERE vo.product_id = p.id AND vo.kind <> 'sample'),
                    (SELECT min(price) FROM vo WHERE vo.product_id = p.id)) AS min_price,
           (SELECT min(price / size_ml) FROM vo WHERE vo.product_id = p.id) AS ppm,
           (SELECT avg(rating) FROM review r WHERE r.product_id = p.id) AS rating_avg,
           (SELECT avg(longevity) FROM review r WHERE r.product_id = p.id) AS longevity_avg,
           (SELECT avg(sillage) FROM review r WHERE r.product_id = p.id) AS sillage_avg
    FROM product p JOIN brand b ON b.id = p.brand_id JOIN category c ON c.id = p.category_id
    WHERE p.status = 'approved' AND EXISTS (SELECT 1 FROM vo WHERE vo.product_id = p.id)
)
SELECT count(*) FROM vis WHERE {where}
"""


def has_note(layer: str | None = None) -> str:
    layer_test = f"AND pn.layer = '{layer}'" if layer else ""
    return ("EXISTS (SELECT 1 FROM product_note pn JOIN note n ON n.id = pn.note_id "
            f"WHERE pn.product_id = vis.id AND n.slug = :value {layer_test})")


def offer_where(condition: str) -> str:
    return f"EXISTS (SELECT 1 FROM vo WHERE vo.product_id = vis.id AND {condition})"


# (URL query, SQL condition over `vis`, parameters)
FILTERS = [
    ("category=attar-oil", "category_slug = 'attar-oil'", {}),
    ("brand=dar-al-oud", "brand_slug = 'dar-al-oud'", {}),
    ("gender=women", "gender = 'women'", {}),
    ("price_min=200&price_max=500", "min_price BETWEEN 200 AND 500", {}),
    ("concentration=edt", "concentration = 'edt'", {}),
    ("size=11-30", offer_where("vo.size_ml > 10 AND vo.size_ml <= 30"), {}),
    ("family=oud", "family = 'oud'", {}),
    ("note=saffron", has_note(), {"value": "saffron"}),
    ("top=bergamot", has_note("top"), {"value": "bergamot"}),
    ("heart=rose", has_note("heart"), {"value": "rose"}),
    ("base=vanilla", has_note("base"), {"value": "vanilla"}),
    ("exclude=oud", "NOT " + has_note(), {"value": "oud"}),
    ("occasion=wedding", "'wedding' = ANY(occasions)", {}),
    ("longevity=4", "longevity_avg >= 4", {}),
    ("sillage=3.5", "sillage_avg >= 3.5", {}),
    ("style=niche", "style = 'niche'", {}),
    ("origin=fr", "origin = 'fr'", {}),
    ("alcohol_free=1", "alcohol_free", {}),
    ("vendor=khor-perfumes", offer_where("vo.vendor_slug = 'khor-perfumes'"), {}),
    ("vendor=decant-hub-uae", "false", {}),  # a suspended shop sells nothing
    ("rating=4", "rating_avg >= 4", {}),
    ("in_stock=1", offer_where("vo.stock > 0"), {}),
    ("on_sale=1", offer_where("vo.compare_at_price IS NOT NULL"), {}),
    ("new=1", "coalesce(approved_at, created_at) >= now() - interval '30 days'", {}),
    ("year_min=2015&year_max=2020", "launch_year BETWEEN 2015 AND 2020", {}),
    ("perfumer=claire+moreau", "lower(perfumer) = 'claire moreau'", {}),
    ("gift=1", "category_slug = 'gift-set' OR " + offer_where("(vo.kind = 'gift-set' OR vo.gift_wrap)"), {}),
    ("sample=1", "category_slug = 'samples' OR " + offer_where("vo.kind = 'sample'"), {}),
    ("delivery=dubai", offer_where("vo.stock > 0 AND vo.delivery_promise IN ('same-day', 'next-day') "
                                   "AND vo.emirate = 'dubai'"), {}),
    ("rewards=1", offer_where("vo.cashback_percent > 0"), {}),
    ("ppm_max=2", "ppm <= 2", {}),
]


@pytest.fixture
def count(app, db):
    """count(where, params, select="count(*)"): one figure over the visible products matching `where`,
    straight from the catalog tables."""
    def figure(where: str, params: dict | None = None, select: str = "count(*)"):
        with app.app_context():
            return db.session.execute(text(VISIBLE.replace("count(*)", select).format(where=where)),
                                      params or {}).scalar()
    return figure


def page_text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def facet_count(body: str, group: str, value: str) -> int | None:
    """The count the filter panel shows beside one option, or None when the option is not shown."""
    found = re.search(rf'id="f-{group}-{re.escape(value)}"[^>]*>\s*<label[^>]*>.*?class="facet__count">([\d,]+)<',
                      body, re.S)
    return int(found.group(1).replace(",", "")) if found else None


def chip_links(body: str) -> dict[str, str]:
    return {unescape(label): unescape(href) for href, label in
            re.findall(r'<a class="chip" href="([^"]*)"><span>([^<]*)</span>', body)}


@pytest.mark.parametrize("query, where, params", FILTERS, ids=[query for query, _, _ in FILTERS])
def test_each_filter_narrows_the_page_to_what_the_catalog_holds(client, store, count, query, where, params):
    expected = count(where, params)
    assert count_shown(client.get(f"/products?{query}")) == expected


def test_the_direct_counts_are_not_trivial(store, count):
    """The parametrised cases above compare real subsets, not empty or whole catalogs."""
    everything = count("true")
    sizes = [count(where, params) for _, where, params in FILTERS]
    assert sum(0 < size < everything for size in sizes) >= len(FILTERS) - 3


@pytest.mark.parametrize("query, where", [
    ("family=oud&gender=men", "family = 'oud' AND gender = 'men'"),
    ("family=oud&family=amber&price_max=300", "family IN ('oud', 'amber') AND min_price <= 300"),
    ("brand=dar-al-oud&brand=qasr-al-anbar&in_stock=1",
     "brand_slug IN ('dar-al-oud', 'qasr-al-anbar') AND " + offer_where("vo.stock > 0")),
    ("category=perfume&exclude=oud&exclude=saffron&style=designer",
     "category_slug = 'perfume' AND style = 'designer' AND NOT EXISTS (SELECT 1 FROM product_note pn JOIN note n "
     "ON n.id = pn.note_id WHERE pn.product_id = vis.id AND n.slug IN ('oud', 'saffron'))"),
])
def test_filters_combine(client, store, count, query, where):
    assert count_shown(client.get(f"/products?{query}")) == count(where)


def test_the_panel_shows_disjunctive_counts(client, store, count):
    body = page_text(client.get("/products?family=oud&gender=men&expand=family"))
    # A dimension's counts ignore its own choice and honour the others.
    for family in ("oud", "amber", "woody"):
        assert facet_count(body, "family", family) == count(f"family = '{family}' AND gender = 'men'")
    for gender in ("men", "women"):
        assert facet_count(body, "gender", gender) == count(f"family = 'oud' AND gender = '{gender}'")
    assert facet_count(body, "category", "perfume") == count(
        "family = 'oud' AND gender = 'men' AND category_slug = 'perfume'")
    assert facet_count(body, "in_stock", "") is None  # flags use their own ids
    flag = re.search(r'id="f-in_stock"[^>]*>\s*<label[^>]*>.*?class="facet__count">([\d,]+)<', body, re.S)
    assert int(flag.group(1)) == count("family = 'oud' AND gender = 'men' AND " + offer_where("vo.stock > 0"))
    # The chosen options are ticked.
    assert re.search(r'id="f-family-oud"[^>]*checked', body) and re.search(r'id="f-gender-men"[^>]*checked', body)


def test_options_that_would_find_nothing_are_hidden_unless_chosen(client, store, count):
    body = page_text(client.get("/products?brand=dar-al-oud&category=bakhoor"))
    shown_categories = set(re.findall(r'id="f-category-([a-z-]+)"', body))
    assert "bakhoor" in shown_categories  # chosen, whatever its count
    for category in shown_categories - {"bakhoor"}:
        assert count(f"brand_slug = 'dar-al-oud' AND category_slug = '{category}'") > 0


def facet_block(body: str, group: str) -> str:
    """One long group's options block, as the page or the facet endpoint renders it."""
    return re.search(rf'<div class="facet__choices" id="facet-{group}-options">.*?\n</div>', body, re.S).group(0)


def shown_options(block: str) -> list[str]:
    return re.findall(r'<input type="checkbox" id="f-[a-z]+-[^"]*" name="[a-z]+" value="([^"]*)"', block)


def facet_options(client, path: str, language: str = "en") -> str:
    """The facet endpoint's answer to htmx."""
    response = client.get(path, headers={"HX-Request": "true", "Accept-Language": language})
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_long_groups_show_their_top_values_then_show_all(client, store, count):
    body = page_text(client.get("/products?family=oud"))
    # Few options: all shown, no "Show all" for the last two or three.
    few = page_text(client.get("/products?family=oud&gender=men"))
    assert "facet__show-all" not in facet_block(few, "brand") and len(shown_options(facet_block(few, "brand"))) > 0
    body = page_text(client.get("/products?gender=women"))
    brands = facet_block(body, "brand")
    shown = shown_options(brands)
    for_women = {slug: count(f"gender = 'women' AND brand_slug = '{slug}'") for slug in
                 count("gender = 'women'", select="string_agg(DISTINCT brand_slug, ',')").split(",")}
    assert len(for_women) > 12 and len(shown) == 8
    assert sorted(for_women[slug] for slug in shown) == sorted(for_women.values())[-8:]  # the highest counts
    link = re.search(r'<a class="facet__show-all" href="([^"]*)" data-hx-get="([^"]*)"[^>]*>([^<]*)<', brands)
    assert unescape(link.group(1)) == "/products?gender=women&expand=brand#facet-brand"
    assert unescape(link.group(2)) == "/products/facets/brand?gender=women"
    assert link.group(3) == f"Show all {len(for_women)}"
    # Notes are searched on the server, with a short pause while typing.
    search = re.search(r'<input class="facet__search-input"[^>]*id="f-note-search"[^>]*>', body, re.S).group(0)
    assert 'name="facet_q"' in search and 'data-hx-get="/products/facets/note?gender=women"' in search
    assert 'data-hx-trigger="input changed delay:200ms, search"' in search
    assert "data-facet-option" not in body  # no list left for a script to filter
    # Each note layer shows its top values only: the page no longer carries the whole vocabulary five times.
    for layer in ("note", "top", "heart", "base", "exclude"):
        assert len(shown_options(facet_block(body, layer))) <= 8


def test_a_chosen_value_is_always_shown_however_small_its_count(client, store, count):
    slugs = count("true", select="string_agg(brand_slug, ',' ORDER BY brand_slug)").split(",")
    smallest = min(set(slugs), key=lambda slug: (slugs.count(slug), slug))
    body = page_text(client.get(f"/products?brand={smallest}"))
    assert smallest in shown_options(facet_block(body, "brand"))
    assert re.search(rf'id="f-brand-{smallest}"[^>]*checked', body)
    # Ten chosen: all ten are shown, ticked, however many the top eight would be.
    ten = sorted(set(slugs))[:10]
    body = page_text(client.get("/products?" + "&".join(f"brand={slug}" for slug in ten)))
    assert set(ten) <= set(shown_options(facet_block(body, "brand")))
    assert len(re.findall(r'id="f-brand-[^"]*"[^>]*checked', body)) == 10


def test_the_facet_endpoint_lists_every_value_with_the_pages_disjunctive_counts(client, store, count):
    query = "gender=men&in_stock=1&brand=dar-al-oud"
    block = facet_options(client, f"/products/facets/brand?{query}")
    brands = shown_options(block)
    men_in_stock = "gender = 'men' AND " + offer_where("vo.stock > 0")
    expected = count(men_in_stock, select="count(DISTINCT brand_slug)")
    assert len(brands) == len(set(brands)) == expected > 8
    for slug in brands:
        assert facet_count(block, "brand", slug) == count(
            f"{men_in_stock} AND brand_slug = '{slug}'"), slug
    assert re.search(r'id="f-brand-dar-al-oud"[^>]*checked', block)
    assert 'name="expand" value="brand"' in block and "facet__show-all" not in block
    # What the page shows beside its top brands is the same figure.
    page = page_text(client.get(f"/products?{query}"))
    for slug in shown_options(facet_block(page, "brand")):
        assert facet_count(page, "brand", slug) == facet_count(block, "brand", slug)
    # The top values come first, then the rest A to Z.
    first_more = block.index("data-first-more")
    rest = re.findall(r'class="facet__label">([^<]*)<', block[first_more:])
    assert rest == sorted(rest, key=str.casefold)


def notes_named(count, condition: str) -> set[str]:
    """Slugs of the notes some visible product has whose names meet `condition` (over note n)."""
    found = count(f"EXISTS (SELECT 1 FROM product_note pn JOIN note n ON n.id = pn.note_id "
                  f"WHERE pn.product_id = vis.id AND {condition})",
                  select=f"(SELECT string_agg(n.slug, ',') FROM note n WHERE {condition} AND EXISTS ("
                         f"SELECT 1 FROM product_note pn JOIN product p ON p.id = pn.product_id "
                         f"WHERE pn.note_id = n.id AND p.status = 'approved'))")
    return set(found.split(",")) if found else set()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_note_search_finds_notes_by_either_name(client, store, count, language):
    ouds = notes_named(count, "(n.name_en ILIKE '%oud%' OR n.name_ar LIKE '%عود%')")
    assert len(ouds) > 5
    for typed in ("oud", "عود", "OUD", "عُود"):
        block = facet_options(client, f"/products/facets/note?facet_q={typed}", language)
        assert set(shown_options(block)) == ouds, typed
    block = facet_options(client, "/products/facets/note?facet_q=oud", language)
    assert ("عود كمبودي" if language == "ar" else "Cambodian oud") in block
    assert facet_count(block, "note", "oud") == count(has_note(), {"value": "oud"})


@pytest.mark.parametrize("typed, slug", [
    ("taif", "taif-rose"), ("ورد طايفي", "taif-rose"), ("طائفي", "taif-rose"),  # hamza on yaa or not
    ("مستكه", "mastic"), ("مستكة", "mastic"),  # taa marbuta typed as haa
    ("اندونيسي", "indonesian-oud"), ("زعفـــران", "saffron"),  # bare alef; tatweel
    ("agarwood", "oud"),  # a synonym
])
def test_the_note_search_folds_arabic_spellings(client, store, typed, slug):
    assert slug in shown_options(facet_options(client, f"/products/facets/note?facet_q={typed}"))


def test_the_note_search_keeps_the_other_filters_and_its_layer(client, store, count):
    block = facet_options(client, "/products/facets/exclude?family=floral&facet_q=rose")
    assert "taif-rose" in shown_options(block)
    with_rose = count("family = 'floral' AND " + has_note(), {"value": "taif-rose"})
    assert facet_count(block, "exclude", "taif-rose") == count("family = 'floral'") - with_rose
    block = facet_options(client, "/products/facets/heart?facet_q=taif")
    assert facet_count(block, "heart", "taif-rose") == count(has_note("heart"), {"value": "taif-rose"})


@pytest.mark.parametrize("typed", ["%25%25%25", "%27%3B%20DROP%20TABLE%20note%3B--", "%3Cscript%3E", "zzzqqq",
                                   "a" * 500, "%00%01", "%20%20", "(((", "\\"])
def test_a_search_for_nothing_gives_an_empty_list_not_an_error(client, store, typed):
    block = facet_options(client, f"/products/facets/note?facet_q={typed}")
    if typed not in ("%20%20", "%00%01"):  # control characters are dropped where input enters: nothing typed
        assert shown_options(block) == [] and 'class="facet__empty"' in block
    else:  # only spaces (or control characters): the whole list
        assert len(shown_options(block)) > 8
    assert "<script>" not in block


def test_expand_lists_a_whole_group_without_javascript_and_is_no_filter(client, store, count):
    body = page_text(client.get("/products?family=oud&expand=note"))
    notes = shown_options(facet_block(body, "note"))
    assert len(notes) == count("family = 'oud'", select="(SELECT count(DISTINCT pn.note_id) FROM product_note pn "
                                                       "WHERE pn.product_id IN (SELECT id FROM vis "
                                                       "WHERE family = 'oud'))")
    assert 'name="expand" value="note"' in body  # the form keeps it expanded when filters change
    assert count_shown(client.get("/products?family=oud&expand=note")) == count("family = 'oud'")
    assert set(chip_links(body)) == {"Oud"}
    assert all("expand" not in href for href in chip_links(body).values())
    assert re.search(r'id="filters-open"[^>]*>.*?Filters \(1\)', body, re.S)
    assert 'href="/products?family=oud&amp;expand=brand&amp;expand=note#facet-brand"' in body
    # Nothing found: the advice drops filters, never the display choice.
    empty = page_text(client.get("/products?brand=dar-al-oud&category=body-mist&family=oud&expand=brand"))
    advice = re.search(r'<ul class="relaxations">(.*?)</ul>', empty, re.S).group(1)
    assert "expand" not in advice
    assert client.get("/products?expand=price&expand=nonsense&expand=%3Cx%3E").status_code == 200


def test_the_facet_endpoint_sends_a_browser_without_htmx_to_the_expanded_listing(client, store):
    response = client.get("/products/facets/perfumer?family=oud&page=3")
    assert response.status_code == 302
    assert response.headers["Location"] == "/products?family=oud&page=3&expand=perfumer#facet-perfumer"


def test_facet_endpoints_keep_the_pages_fixed_scope(client, store, count):
    block = facet_options(client, "/brands/dar-al-oud/facets/note?brand=qasr-al-anbar")
    for slug in shown_options(block):
        assert facet_count(block, "note", slug) == count("brand_slug = 'dar-al-oud' AND " + has_note(),
                                                         {"value": slug}), slug
    block = facet_options(client, "/v/khor-perfumes/facets/brand")
    for slug in shown_options(block):
        assert facet_count(block, "brand", slug) == count(
            f"brand_slug = '{slug}' AND " + offer_where("vo.vendor_slug = 'khor-perfumes'")), slug
    block = facet_options(client, "/categories/bakhoor/facets/brand?category=perfume")
    assert sum(facet_count(block, "brand", slug) for slug in shown_options(block)) == count("category_slug = 'bakhoor'")
    block = facet_options(client, "/search/facets/brand?q=oud")
    assert shown_options(block)


@pytest.mark.parametrize("path", [
    "/products/facets/nope", "/products/facets/category", "/products/facets/price", "/products/facets/in_stock",
    "/brands/dar-al-oud/facets/brand", "/v/khor-perfumes/facets/vendor", "/categories/bakhoor/facets/category",
    "/brands/no-such-house/facets/note", "/v/decant-hub-uae/facets/note", "/categories/nope/facets/note",
    "/products/facets/NOTE", "/products/facets/note%3Cx%3E",
])
def test_an_unknown_group_or_page_has_no_facet_endpoint(client, store, path):
    assert client.get(path, headers={"HX-Request": "true"}).status_code == 404


def test_the_facet_endpoint_speaks_arabic(client, store):
    block = facet_options(client, "/products/facets/note?facet_q=saffron", "ar")
    assert "زعفران" in block
    assert "لا نتائج تطابق" in facet_options(client, "/products/facets/note?facet_q=zzqq", "ar")
    body = page_text(client.get("/products", headers={"Accept-Language": "ar"}))
    assert re.search(r'class="facet__show-all"[^>]*>عرض الكل \([\d,]+\)<span class="visually-hidden"> – ', body)
    assert re.search(r'class="facet__count">\d{1,3}(,\d{3})*<', body)  # Latin digits, grouped as in English


def test_ranges_show_the_available_span_as_placeholders(client, store, count):
    body = page_text(client.get("/products?family=oud"))
    lowest = count("family = 'oud'", select="floor(min(min_price))")
    assert re.search(rf'id="f-price_min"[^>]*placeholder="{int(lowest)}"', body, re.S)
    assert re.search(r'id="f-year_min"[^>]*placeholder="\d{4}"', body, re.S)


def test_a_chip_removes_one_value_and_clear_all_keeps_the_search(client, store, count):
    body = page_text(client.get("/products?q=oud&family=oud&family=amber&gender=men&price_min=100"))
    chips = chip_links(body)
    assert set(chips) == {"Oud", "Amber", "Men", "From AED 100"}
    assert chips["Amber"] == "/products?q=oud&gender=men&family=oud&price_min=100"
    clear = unescape(re.search(r'class="chips__clear" href="([^"]*)"', body).group(1))
    assert clear == "/products?q=oud"
    assert count_shown(client.get(chips["Men"])) == count_shown(
        client.get("/products?q=oud&family=oud&family=amber&price_min=100"))


def test_chips_speak_the_readers_language(client, store):
    body = page_text(client.get("/products?family=oud&gender=women&note=saffron", headers={"Accept-Language": "ar"}))
    assert {"عود", "نسائي", "زعفران"} <= set(chip_links(body))


def test_no_result_says_which_filter_to_drop_with_real_counts(client, store, count):
    empty = "/products?brand=dar-al-oud&category=body-mist&family=oud"
    body = page_text(client.get(empty))
    assert count_shown(client.get(empty)) == 0
    advice = re.findall(r'<ul class="relaxations">(.*?)</ul>', body, re.S)
    assert advice, "no advice on a page without results"
    links = re.findall(r'<a href="([^"]*)">Remove ([^<]*): (\d+) fragrances?</a>', advice[0])
    assert links
    for href, _label, shown in links:
        assert count_shown(client.get(unescape(href))) == int(shown) > 0
    dropped_brand = count("category_slug = 'body-mist' AND family = 'oud'")
    if dropped_brand:
        assert any(label.startswith("Dar Al Oud") and int(shown) == dropped_brand for _, label, shown in links)


def test_no_result_from_the_search_text_suggests_a_word_and_dropping_it(client, store):
    body = page_text(client.get("/products?q=zzqqxx&family=oud"))
    assert "Remove the search “<bdi>zzqqxx</bdi>”" in unescape(body)


@pytest.mark.parametrize("query", [
    "brand=no-such-house", "family=nonsense&gender=robot", "price_min=900&price_max=10", "page=9999",
    "q=%27%3B%20DROP%20TABLE%20product%3B--", "brand=%3Cscript%3Ealert(1)%3C/script%3E", "sort=evil",
    "price_min=1e309", "price_max=99999999999999999999", "year_min=-5&year_max=99999", "rating=NaN",
    "family=oud&family=oud&family=oud", "page=1&page=2", "note=../../etc/passwd", "origin=xyz",
    "perfumer=%25", "in_stock=maybe", "ppm_max=-1", "q=" + "a" * 500, "size=1-10%00",
])
def test_bad_parameters_give_a_clean_page(client, store, query):
    response = client.get(f"/products?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_a_page_beyond_the_last_shows_the_last(client, store):
    body = page_text(client.get("/products?family=oud&page=9999"))
    assert 'aria-current="page"' in body and 'rel="next"' not in body and 'class="product-card"' in body


def test_pages_are_numbered_with_gaps_and_load_more(client, store):
    body = page_text(client.get("/products?page=5"))
    assert re.search(r'href="/products\?page=4" rel="prev"', body) and re.search(r'href="/products\?page=6" rel="next"', body)
    assert 'href="/products"' in body and "…" in body  # page 1, then a gap
    load_more = re.search(r'<a class="button button--ghost" href="/products\?page=6"\s+data-hx-get="/products\?page=6"', body)
    assert load_more and 'data-hx-swap="beforeend"' in body


def test_htmx_gets_the_listing_and_the_url_to_push(client, store):
    response = client.get("/products?family=oud&price_min=&price_max=&rating=", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="listing-results"' in body and 'id="facets"' in body
    assert response.headers["HX-Push-Url"] == "/products?family=oud"
    assert "HX-Request" in response.headers["Vary"]


# Brand, category, shop and search pages ----------------------------------------------------------

def test_a_brand_page_shows_the_house_and_only_its_fragrances(client, store, count):
    body = page_text(client.get("/brands/dar-al-oud"))
    assert count_shown(client.get("/brands/dar-al-oud")) == count("brand_slug = 'dar-al-oud'")
    assert "<title>Dar Al Oud · AromaSouQ</title>" in body
    assert re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?href="/brands"><bdi>Brands</bdi></a>.*?'
                     r'aria-current="page"><bdi>Dar Al Oud</bdi><', body, re.S)
    assert 'id="facet-brand"' not in body  # the scope is fixed, so no brand facet


def test_a_fixed_scope_cannot_be_widened_by_the_url(client, store, count):
    own = count("brand_slug = 'dar-al-oud'")
    assert count_shown(client.get("/brands/dar-al-oud?brand=qasr-al-anbar&brand=nafahat-al-sahra")) == own
    body = page_text(client.get("/brands/dar-al-oud?family=oud"))
    assert "Dar Al Oud" not in chip_links(body)
    assert unescape(re.search(r'class="chips__clear" href="([^"]*)"', body).group(1)) == "/brands/dar-al-oud"
    assert count_shown(client.get("/v/khor-perfumes?vendor=marina-scent-gallery")) == count(
        offer_where("vo.vendor_slug = 'khor-perfumes'"))
    assert count_shown(client.get("/categories/bakhoor?category=perfume")) == count(
        "category_slug = 'bakhoor'")


def test_the_brands_index_lists_houses_a_to_z_in_both_languages(client, store, count):
    body = page_text(client.get("/brands"))
    names = re.findall(r'class="brand-index__name">([^<]*)<', body)
    assert len(names) == count("true", select="count(DISTINCT brand_slug)")
    assert names == sorted(names, key=str.casefold)
    assert 'href="/brands/dar-al-oud"' in body and "دار العود" in body


def test_a_category_page_and_an_unknown_one(client, store, count):
    body = page_text(client.get("/categories/attar-oil"))
    assert "<title>Attars &amp; oils · AromaSouQ</title>" in body and 'id="facet-category"' not in body
    assert count_shown(client.get("/categories/attar-oil")) == count("category_slug = 'attar-oil'")
    assert client.get("/categories/nope").status_code == 404


def test_a_shop_storefront_shows_its_story_emirate_and_rating(app, client, store, db):
    body = page_text(client.get("/v/khor-perfumes"))
    with app.app_context():
        average, reviews = db.session.execute(text(
            "SELECT avg(r.rating), count(*) FROM review r WHERE r.product_id IN (SELECT va.product_id FROM offer o "
            "JOIN variant va ON va.id = o.variant_id JOIN vendor v ON v.id = o.vendor_id "
            "WHERE v.slug = 'khor-perfumes' AND o.is_active)")).one()
    assert f"{average:.1f} from {reviews:,} reviews" in body
    assert 'id="facet-vendor"' not in body and "Ships from" in body


@pytest.mark.parametrize("path", ["/brands/no-such-house", "/v/no-such-shop", "/v/fujairah-coast-scents",
                                  "/v/decant-hub-uae", "/categories/PERFUME%3B"])
def test_unknown_or_hidden_pages_are_not_found(client, store, path):
    assert client.get(path).status_code == 404


def test_search_is_the_listing_with_a_query(client, store):
    body = page_text(client.get("/search?q=oud&family=oud"))
    assert count_shown(client.get("/search?q=oud&family=oud")) == count_shown(client.get("/products?q=oud&family=oud"))
    assert "Results for “oud”" in unescape(body) and 'name="q" value="oud"' in body


@pytest.mark.parametrize("path", ["/v/khor-perfumes", "/brands/dar-al-oud", "/brands", "/categories/samples",
                                  "/products?brand=dar-al-oud&category=body-mist&family=oud",
                                  "/search?q=zzqqxx&gender=men", "/products?family=oud&rating=4&price_min=100"])
def test_pages_read_in_arabic(client, store, path):
    body = page_text(client.get(path, headers={"Accept-Language": "ar"}))
    assert 'dir="rtl"' in body and "أروما سوق" in body


def test_a_latin_search_sits_isolated_in_the_arabic_no_results_sentences(client, store):
    """«إزالة البحث «chanle»: 579 عطرًا» read out of order: the Latin query now sits in a <bdi>, so it and its
    quotation marks keep their places in the Arabic sentence; the <title> stays plain text."""
    client.set_cookie("lang", "ar")
    page = client.get("/search?q=chanle").get_data(as_text=True)
    assert count_shown_in(page) == 0
    advice = re.search(r'<ul class="relaxations">(.*?)</ul>', page, re.S).group(1)
    assert re.search(r"إزالة البحث «<bdi>chanle</bdi>»: [\d,]+ عطر", advice), advice
    assert '<h1 id="listing-title" class="section__title">نتائج البحث عن «<bdi>chanle</bdi>»</h1>' in page
    assert "<title>نتائج البحث عن «chanle» · أروما سوق</title>" in page
    suggestion = re.search(r"هل تقصد <a [^>]*>(.*?)</a>", page)
    assert suggestion is None or suggestion.group(1).startswith("<bdi>")


def count_shown_in(page: str) -> int:
    return len(re.findall(r'<article class="product-card', page))
