"""The hand-written bilingual vocabulary of the demo catalog: categories, notes, accords, fictional houses
and shops, and the fragments product names, descriptions and reviews are built from.

Every house, shop, perfumer and reviewer here is invented. The notes are real perfumery materials, named in
Arabic as Gulf perfumers and shops name them. Plain data only: `demo.py` builds the catalog from it.
"""
from __future__ import annotations

from typing import NamedTuple


class DemoCategory(NamedTuple):
    slug: str
    name_en: str
    name_ar: str
    position: int


class DemoNote(NamedTuple):
    slug: str
    name_en: str
    name_ar: str
    family: str
    layers: str  # where it sits in a pyramid: "t" top, "h" heart, "b" base


class DemoAccord(NamedTuple):
    slug: str
    name_en: str
    name_ar: str
    colour: str


class DemoHouse(NamedTuple):
    slug: str
    name_en: str
    name_ar: str
    style: str
    country: str
    founded_year: int
    families: tuple[str, ...]  # its signature scent families, the first the most typical
    tier: float  # price level against others of its style (1.0 = typical)
    is_featured: bool
    story_en: str
    story_ar: str


class DemoVendor(NamedTuple):
    slug: str
    name_en: str
    name_ar: str
    emirate: str
    status: str
    sku_code: str
    commission_rate: str
    styles: dict[str, float]  # how much of each house style it stocks
    story_en: str
    story_ar: str


CATEGORIES = (
    DemoCategory("perfume", "Perfumes", "عطور", 1),
    DemoCategory("attar-oil", "Attars & perfume oils", "أدهان وعطور زيتية", 2),
    DemoCategory("bakhoor", "Bakhoor", "بخور", 3),
    DemoCategory("body-mist", "Body mists", "معطرات الجسم", 4),
    DemoCategory("gift-set", "Gift sets", "أطقم هدايا", 5),
    DemoCategory("home", "Home fragrance", "معطرات المنزل", 6),
    DemoCategory("samples", "Samples & decants", "عينات وتقسيمات", 7),
)

# fmt: off
NOTES = (
    # Oud: agarwood by origin, its oil and its smoke.
    DemoNote("oud", "Oud", "عود", "oud", "hb"),
    DemoNote("cambodian-oud", "Cambodian oud", "عود كمبودي", "oud", "hb"),
    DemoNote("hindi-oud", "Hindi oud", "عود هندي", "oud", "b"),
    DemoNote("laotian-oud", "Laotian oud", "عود لاوسي", "oud", "b"),
    DemoNote("malaysian-oud", "Malaysian oud", "عود ماليزي", "oud", "b"),
    DemoNote("thai-oud", "Thai oud", "عود تايلندي", "oud", "hb"),
    DemoNote("burmese-oud", "Burmese oud", "عود بورمي", "oud", "b"),
    DemoNote("indonesian-oud", "Indonesian oud", "عود إندونيسي", "oud", "b"),
    DemoNote("assam-oud", "Assam oud", "عود آسامي", "oud", "b"),
    DemoNote("dehn-al-oud", "Dehn al oud", "دهن العود", "oud", "hb"),
    DemoNote("oud-smoke", "Oud smoke", "دخان العود", "oud", "b"),
    DemoNote("muattar-oud", "Muattar oud", "عود معطر", "oud", "b"),
    # Amber and resins.
    DemoNote("amber", "Amber", "كهرمان", "amber", "hb"),
    DemoNote("ambergris", "Ambergris", "عنبر", "amber", "b"),
    DemoNote("labdanum", "Labdanum", "لادن", "amber", "b"),
    DemoNote("benzoin", "Benzoin", "جاوي", "amber", "b"),
    DemoNote("myrrh", "Myrrh", "مر", "amber", "hb"),
    DemoNote("frankincense", "Frankincense", "لبان", "amber", "thb"),
    DemoNote("hojari-frankincense", "Omani Hojari frankincense", "لبان حوجري عماني", "amber", "hb"),
    DemoNote("opoponax", "Opoponax", "مر حلو", "amber", "b"),
    DemoNote("styrax", "Styrax", "ميعة", "amber", "b"),
    DemoNote("elemi", "Elemi", "إليمي", "amber", "t"),
    DemoNote("tolu-balsam", "Tolu balsam", "بلسم تولو", "amber", "b"),
    DemoNote("peru-balsam", "Peru balsam", "بلسم بيرو", "amber", "b"),
    DemoNote("ambroxan", "Ambroxan", "أمبروكسان", "amber", "b"),
    DemoNote("mastic", "Mastic", "مستكة", "amber", "th"),
    DemoNote("incense", "Incense", "بخور", "amber", "hb"),
    # Woods.
    DemoNote("sandalwood", "Sandalwood", "صندل", "woody", "hb"),
    DemoNote("mysore-sandalwood", "Mysore sandalwood", "صندل ميسوري", "woody", "b"),
    DemoNote("australian-sandalwood", "Australian sandalwood", "صندل أسترالي", "woody", "b"),
    DemoNote("cedarwood", "Cedarwood", "خشب الأرز", "woody", "b"),
    DemoNote("atlas-cedar", "Atlas cedar", "أرز أطلسي", "woody", "b"),
    DemoNote("virginia-cedar", "Virginia cedar", "أرز فرجيني", "woody", "b"),
    DemoNote("lebanese-cedar", "Lebanese cedar", "أرز لبناني", "woody", "b"),
    DemoNote("vetiver", "Vetiver", "نجيل الهند", "woody", "hb"),
    DemoNote("patchouli", "Patchouli", "باتشولي", "woody", "hb"),
    DemoNote("guaiac-wood", "Guaiac wood", "خشب الغاياك", "woody", "b"),
    DemoNote("cypress", "Cypress", "سرو", "woody", "th"),
    DemoNote("cashmeran", "Cashmeran", "كشميران", "woody", "b"),
    DemoNote("iso-e-super", "Iso E Super", "إيزو إي سوبر", "woody", "hb"),
    DemoNote("papyrus", "Papyrus", "بردي", "woody", "hb"),
    DemoNote("teak", "Teak wood", "خشب الساج", "woody", "b"),
    DemoNote("ebony", "Ebony", "أبنوس", "woody", "b"),
    DemoNote("rosewood", "Rosewood", "خشب الورد", "woody", "hb"),
    DemoNote("hinoki", "Hinoki", "هينوكي", "woody", "hb"),
    DemoNote("palo-santo", "Palo santo", "بالو سانتو", "woody", "b"),
    DemoNote("amyris", "Amyris", "أميريس", "woody", "b"),
    DemoNote("cypriol", "Cypriol (nagarmotha)", "نجرموثا", "woody", "b"),
    DemoNote("tobacco", "Tobacco", "تبغ", "woody", "hb"),
    DemoNote("driftwood", "Driftwood", "خشب البحر", "woody", "b"),
    DemoNote("olive-wood", "Olive wood", "خشب الزيتون", "woody", "b"),
    # Flowers.
    DemoNote("taif-rose", "Taif rose", "ورد طائفي", "floral", "h"),
    DemoNote("bulgarian-rose", "Bulgarian rose", "ورد بلغاري", "floral", "h"),
    DemoNote("turkish-rose", "Turkish rose", "ورد تركي", "floral", "h"),
    DemoNote("rose-de-mai", "Rose de Mai", "ورد مايو", "floral", "h"),
    DemoNote("damask-rose", "Damask rose", "ورد جوري", "floral", "h"),
    DemoNote("rose", "Rose", "ورد", "floral", "th"),
    DemoNote("jasmine", "Jasmine", "ياسمين", "floral", "h"),
    DemoNote("jasmine-sambac", "Jasmine sambac", "فل", "floral", "h"),
    DemoNote("tuberose", "Tuberose", "مسك الروم", "floral", "h"),
    DemoNote("orange-blossom", "Orange blossom", "زهر البرتقال", "floral", "h"),
    DemoNote("ylang-ylang", "Ylang-ylang", "يلانغ يلانغ", "floral", "h"),
    DemoNote("lily-of-the-valley", "Lily of the valley", "زنبق الوادي", "floral", "h"),
    DemoNote("lily", "Lily", "زنبق", "floral", "h"),
    DemoNote("peony", "Peony", "فاوانيا", "floral", "th"),
    DemoNote("magnolia", "Magnolia", "ماغنوليا", "floral", "h"),
    DemoNote("gardenia", "Gardenia", "غاردينيا", "floral", "h"),
    DemoNote("freesia", "Freesia", "فريزيا", "floral", "th"),
    DemoNote("geranium", "Geranium", "إبرة الراعي", "floral", "h"),
    DemoNote("osmanthus", "Osmanthus", "أوسمانثوس", "floral", "h"),
    DemoNote("frangipani", "Frangipani", "فرانجيباني", "floral", "h"),
    DemoNote("carnation", "Carnation", "زهرة القرنفل", "floral", "h"),
    DemoNote("honeysuckle", "Honeysuckle", "زهر العسل", "floral", "h"),
    DemoNote("water-lily", "Water lily", "زنبق الماء", "floral", "h"),
    DemoNote("lotus", "Lotus", "لوتس", "floral", "h"),
    DemoNote("champaca", "Champaca", "شامبكا", "floral", "h"),
    DemoNote("narcissus", "Narcissus", "نرجس", "floral", "h"),
    DemoNote("hyacinth", "Hyacinth", "ياقوتية", "floral", "h"),
    DemoNote("lilac", "Lilac", "ليلك", "floral", "h"),
    DemoNote("orchid", "Orchid", "أوركيد", "floral", "h"),
    DemoNote("cherry-blossom", "Cherry blossom", "زهر الكرز", "floral", "th"),
    DemoNote("henna", "Henna flower", "زهر الحناء", "floral", "h"),
    DemoNote("kewda", "Kewda", "كادي", "floral", "h"),
    DemoNote("marigold", "Marigold", "قطيفة", "floral", "h"),
    DemoNote("tiare", "Tiare flower", "زهرة التياري", "floral", "h"),
    DemoNote("white-flowers", "White flowers", "زهور بيضاء", "floral", "h"),
    # Citrus.
    DemoNote("bergamot", "Bergamot", "برغموت", "citrus", "t"),
    DemoNote("lemon", "Lemon", "ليمون", "citrus", "t"),
    DemoNote("lime", "Lime", "ليمون أخضر", "citrus", "t"),
    DemoNote("mandarin", "Mandarin orange", "يوسفي", "citrus", "t"),
    DemoNote("orange", "Orange", "برتقال", "citrus", "t"),
    DemoNote("bitter-orange", "Bitter orange", "نارنج", "citrus", "t"),
    DemoNote("blood-orange", "Blood orange", "برتقال دموي", "citrus", "t"),
    DemoNote("grapefruit", "Grapefruit", "جريب فروت", "citrus", "t"),
    DemoNote("yuzu", "Yuzu", "يوزو", "citrus", "t"),
    DemoNote("petitgrain", "Petitgrain", "بيتيجرين", "citrus", "t"),
    DemoNote("citron", "Citron", "أترج", "citrus", "t"),
    DemoNote("neroli", "Neroli", "نيرولي", "citrus", "th"),
    DemoNote("lemon-verbena", "Lemon verbena", "لويزة", "citrus", "t"),
    DemoNote("black-lime", "Black lime (loomi)", "لومي", "citrus", "t"),
    DemoNote("kumquat", "Kumquat", "كمكوات", "citrus", "t"),
    DemoNote("clementine", "Clementine", "كليمنتين", "citrus", "t"),
    # Sea and water.
    DemoNote("sea-notes", "Sea notes", "نفحات بحرية", "aquatic", "t"),
    DemoNote("sea-salt", "Sea salt", "ملح البحر", "aquatic", "th"),
    DemoNote("calone", "Calone", "كالون", "aquatic", "th"),
    DemoNote("seaweed", "Seaweed", "أعشاب بحرية", "aquatic", "h"),
    DemoNote("water-notes", "Water notes", "نفحات مائية", "aquatic", "t"),
    DemoNote("rain", "Rain", "مطر", "aquatic", "t"),
    DemoNote("ozonic-notes", "Ozonic notes", "نفحات أوزونية", "aquatic", "t"),
    # Fresh and clean.
    DemoNote("aldehydes", "Aldehydes", "ألدهيدات", "fresh", "t"),
    DemoNote("cotton-flower", "Cotton flower", "زهرة القطن", "fresh", "h"),
    DemoNote("cucumber", "Cucumber", "خيار", "fresh", "t"),
    DemoNote("white-tea", "White tea", "شاي أبيض", "fresh", "h"),
    DemoNote("clean-linen", "Clean linen", "كتان نظيف", "fresh", "h"),
    DemoNote("hedione", "Hedione", "هيديون", "fresh", "h"),
    # Gourmand.
    DemoNote("vanilla", "Vanilla", "فانيليا", "gourmand", "b"),
    DemoNote("bourbon-vanilla", "Bourbon vanilla", "فانيليا بوربون", "gourmand", "b"),
    DemoNote("tonka-bean", "Tonka bean", "حبة التونكا", "gourmand", "b"),
    DemoNote("caramel", "Caramel", "كراميل", "gourmand", "hb"),
    DemoNote("cacao", "Cacao", "كاكاو", "gourmand", "hb"),
    DemoNote("coffee", "Coffee", "قهوة", "gourmand", "th"),
    DemoNote("arabic-coffee", "Arabic coffee", "قهوة عربية", "gourmand", "th"),
    DemoNote("honey", "Honey", "عسل", "gourmand", "hb"),
    DemoNote("praline", "Praline", "برالين", "gourmand", "hb"),
    DemoNote("almond", "Almond", "لوز", "gourmand", "h"),
    DemoNote("pistachio", "Pistachio", "فستق", "gourmand", "h"),
    DemoNote("hazelnut", "Hazelnut", "بندق", "gourmand", "h"),
    DemoNote("dates", "Dates", "تمر", "gourmand", "h"),
    DemoNote("milk", "Milk", "حليب", "gourmand", "h"),
    DemoNote("brown-sugar", "Brown sugar", "سكر بني", "gourmand", "b"),
    DemoNote("toffee", "Toffee", "توفي", "gourmand", "b"),
    DemoNote("marshmallow", "Marshmallow", "مارشميلو", "gourmand", "h"),
    DemoNote("cotton-candy", "Cotton candy", "غزل البنات", "gourmand", "h"),
    DemoNote("turkish-delight", "Turkish delight", "راحة الحلقوم", "gourmand", "h"),
    DemoNote("chestnut", "Chestnut", "كستناء", "gourmand", "h"),
    # Spices.
    DemoNote("saffron", "Saffron", "زعفران", "spicy", "th"),
    DemoNote("cardamom", "Cardamom", "هيل", "spicy", "t"),
    DemoNote("cinnamon", "Cinnamon", "قرفة", "spicy", "th"),
    DemoNote("clove", "Clove", "قرنفل", "spicy", "h"),
    DemoNote("pink-pepper", "Pink pepper", "فلفل وردي", "spicy", "t"),
    DemoNote("black-pepper", "Black pepper", "فلفل أسود", "spicy", "t"),
    DemoNote("nutmeg", "Nutmeg", "جوزة الطيب", "spicy", "th"),
    DemoNote("ginger", "Ginger", "زنجبيل", "spicy", "t"),
    DemoNote("cumin", "Cumin", "كمون", "spicy", "h"),
    DemoNote("coriander", "Coriander", "كزبرة", "spicy", "t"),
    DemoNote("star-anise", "Star anise", "يانسون نجمي", "spicy", "t"),
    DemoNote("sichuan-pepper", "Sichuan pepper", "فلفل سيشوان", "spicy", "t"),
    DemoNote("turmeric", "Turmeric", "كركم", "spicy", "h"),
    DemoNote("caraway", "Caraway", "كراوية", "spicy", "t"),
    # Musks.
    DemoNote("musk", "Musk", "مسك", "musky", "b"),
    DemoNote("white-musk", "White musk", "مسك أبيض", "musky", "b"),
    DemoNote("tahara-musk", "Tahara musk", "مسك الطهارة", "musky", "b"),
    DemoNote("deer-musk", "Deer musk accord", "مسك الغزال", "musky", "b"),
    DemoNote("egyptian-musk", "Egyptian musk", "مسك مصري", "musky", "b"),
    DemoNote("ambrette", "Ambrette seed", "حب المسك", "musky", "hb"),
    DemoNote("cashmere-musk", "Cashmere musk", "مسك الكشمير", "musky", "b"),
    DemoNote("skin-musk", "Skin musk", "مسك البشرة", "musky", "b"),
    DemoNote("black-musk", "Black musk", "مسك أسود", "musky", "b"),
    DemoNote("civet", "Civet accord", "زباد", "musky", "b"),
    # Leather and smoke.
    DemoNote("leather", "Leather", "جلد", "leather", "hb"),
    DemoNote("suede", "Suede", "جلد الشمواه", "leather", "hb"),
    DemoNote("birch-tar", "Birch tar", "قطران البتولا", "leather", "b"),
    DemoNote("castoreum", "Castoreum", "كاستوريوم", "leather", "b"),
    DemoNote("smoke", "Smoke", "دخان", "leather", "b"),
    DemoNote("russian-leather", "Russian leather", "جلد روسي", "leather", "b"),
    DemoNote("cade", "Cade oil", "قطران العرعر", "leather", "b"),
    # Herbs.
    DemoNote("lavender", "Lavender", "خزامى", "aromatic", "th"),
    DemoNote("rosemary", "Rosemary", "إكليل الجبل", "aromatic", "t"),
    DemoNote("sage", "Sage", "مريمية", "aromatic", "th"),
    DemoNote("clary-sage", "Clary sage", "مريمية كلارية", "aromatic", "th"),
    DemoNote("basil", "Basil", "ريحان", "aromatic", "t"),
    DemoNote("thyme", "Thyme", "زعتر", "aromatic", "th"),
    DemoNote("artemisia", "Artemisia", "شيح", "aromatic", "th"),
    DemoNote("davana", "Davana", "دافانا", "aromatic", "h"),
    DemoNote("tarragon", "Tarragon", "طرخون", "aromatic", "t"),
    DemoNote("mint", "Mint", "نعناع", "aromatic", "t"),
    DemoNote("juniper", "Juniper berries", "حبوب العرعر", "aromatic", "t"),
    DemoNote("eucalyptus", "Eucalyptus", "كينا", "aromatic", "t"),
    DemoNote("bay-leaf", "Bay leaf", "ورق الغار", "aromatic", "th"),
    DemoNote("myrtle", "Myrtle", "آس", "aromatic", "th"),
    DemoNote("fennel", "Fennel", "شمر", "aromatic", "t"),
    DemoNote("marjoram", "Marjoram", "مردقوش", "aromatic", "th"),
    DemoNote("chamomile", "Chamomile", "بابونج", "aromatic", "h"),
    DemoNote("camphor", "Camphor", "كافور", "aromatic", "t"),
    # Fruits.
    DemoNote("apple", "Apple", "تفاح", "fruity", "t"),
    DemoNote("green-apple", "Green apple", "تفاح أخضر", "fruity", "t"),
    DemoNote("pear", "Pear", "كمثرى", "fruity", "t"),
    DemoNote("peach", "Peach", "خوخ", "fruity", "th"),
    DemoNote("plum", "Plum", "برقوق", "fruity", "h"),
    DemoNote("apricot", "Apricot", "مشمش", "fruity", "h"),
    DemoNote("raspberry", "Raspberry", "توت العليق", "fruity", "th"),
    DemoNote("blackcurrant", "Blackcurrant", "كشمش أسود", "fruity", "t"),
    DemoNote("strawberry", "Strawberry", "فراولة", "fruity", "t"),
    DemoNote("cherry", "Cherry", "كرز", "fruity", "th"),
    DemoNote("pineapple", "Pineapple", "أناناس", "fruity", "t"),
    DemoNote("mango", "Mango", "مانجو", "fruity", "th"),
    DemoNote("coconut", "Coconut", "جوز الهند", "fruity", "hb"),
    DemoNote("fig", "Fig", "تين", "fruity", "h"),
    DemoNote("pomegranate", "Pomegranate", "رمان", "fruity", "th"),
    DemoNote("lychee", "Lychee", "ليتشي", "fruity", "th"),
    DemoNote("passion-fruit", "Passion fruit", "فاكهة العاطفة", "fruity", "t"),
    DemoNote("blackberry", "Blackberry", "توت أسود", "fruity", "t"),
    DemoNote("melon", "Melon", "شمام", "fruity", "t"),
    DemoNote("watermelon", "Watermelon", "بطيخ", "fruity", "t"),
    DemoNote("quince", "Quince", "سفرجل", "fruity", "h"),
    DemoNote("red-berries", "Red berries", "توت أحمر", "fruity", "t"),
    DemoNote("rhubarb", "Rhubarb", "راوند", "fruity", "t"),
    # Greens.
    DemoNote("galbanum", "Galbanum", "قنة", "green", "t"),
    DemoNote("violet-leaf", "Violet leaf", "ورق البنفسج", "green", "th"),
    DemoNote("fig-leaf", "Fig leaf", "ورق التين", "green", "th"),
    DemoNote("green-tea", "Green tea", "شاي أخضر", "green", "th"),
    DemoNote("grass", "Grass", "عشب", "green", "t"),
    DemoNote("bamboo", "Bamboo", "خيزران", "green", "th"),
    DemoNote("oakmoss", "Oakmoss", "طحلب البلوط", "green", "b"),
    DemoNote("tomato-leaf", "Tomato leaf", "ورق الطماطم", "green", "t"),
    DemoNote("ivy", "Ivy", "لبلاب", "green", "h"),
    DemoNote("pine", "Pine", "صنوبر", "green", "t"),
    DemoNote("mate", "Mate", "متة", "green", "h"),
    DemoNote("matcha", "Matcha", "ماتشا", "green", "h"),
    DemoNote("green-notes", "Green notes", "نفحات خضراء", "green", "t"),
    DemoNote("moss", "Moss", "طحلب", "green", "b"),
    # Powdery.
    DemoNote("iris", "Iris", "سوسن", "powdery", "h"),
    DemoNote("orris-root", "Orris root", "جذر السوسن", "powdery", "hb"),
    DemoNote("violet", "Violet", "بنفسج", "powdery", "h"),
    DemoNote("heliotrope", "Heliotrope", "رقيب الشمس", "powdery", "hb"),
    DemoNote("mimosa", "Mimosa", "ميموزا", "powdery", "h"),
    DemoNote("rice-powder", "Rice powder", "بودرة الأرز", "powdery", "b"),
    DemoNote("powdery-notes", "Powdery notes", "نفحات بودرية", "powdery", "hb"),
    DemoNote("carrot-seed", "Carrot seed", "بذور الجزر", "powdery", "h"),
)
# fmt: on

# Arabic names whose definite form ("the saffron" → الزعفران) is not simply ال before each word.
NOTE_DEFINITE_AR = {
    "ورد مايو": "ورد مايو",
    "يلانغ يلانغ": "اليلانغ يلانغ",
    "جريب فروت": "الجريب فروت",
    "إيزو إي سوبر": "إيزو إي سوبر",
    "بالو سانتو": "البالو سانتو",
    "بلسم تولو": "بلسم التولو",
    "بلسم بيرو": "بلسم البيرو",
    "فانيليا بوربون": "فانيليا البوربون",
    "فلفل سيشوان": "فلفل سيشوان",
}
# English note names that keep their capital inside a sentence ("the Taif rose", but "the bergamot").
PROPER_NOTE_WORDS = frozenset({
    "Taif", "Cambodian", "Hindi", "Laotian", "Malaysian", "Thai", "Burmese", "Indonesian", "Assam", "Omani",
    "Bulgarian", "Turkish", "Damask", "Mysore", "Australian", "Atlas", "Virginia", "Lebanese", "Tahara",
    "Egyptian", "Russian", "Sichuan", "Bourbon", "Arabic", "Iso", "Peru", "Tolu", "Calone", "Cashmere",
})
# Notes Gulf perfumers reach for first: Arabian houses use them more often.
GULF_SIGNATURE_NOTES = frozenset({
    "oud", "cambodian-oud", "hindi-oud", "dehn-al-oud", "muattar-oud", "ambergris", "saffron", "taif-rose",
    "damask-rose", "tahara-musk", "white-musk", "deer-musk", "frankincense", "hojari-frankincense", "cardamom",
    "arabic-coffee", "dates", "kewda", "jasmine-sambac", "mastic", "black-lime", "henna", "sandalwood",
    "mysore-sandalwood", "incense", "myrrh", "benzoin",
})

ACCORDS = (
    DemoAccord("oud", "Oud", "عودي", "#4a2c1d"),
    DemoAccord("rose", "Rose", "وردي", "#c9486b"),
    DemoAccord("amber", "Amber", "عنبري", "#c77d2e"),
    DemoAccord("woody", "Woody", "خشبي", "#7b5234"),
    DemoAccord("warm-spicy", "Warm spicy", "توابل دافئة", "#b4432a"),
    DemoAccord("fresh-spicy", "Fresh spicy", "توابل منعشة", "#7fae5b"),
    DemoAccord("saffron", "Saffron", "زعفراني", "#e08a1e"),
    DemoAccord("musky", "Musky", "مسكي", "#b9a9c9"),
    DemoAccord("floral", "Floral", "زهري", "#f29cb8"),
    DemoAccord("white-floral", "White floral", "زهري أبيض", "#e9dfc4"),
    DemoAccord("citrus", "Citrus", "حمضي", "#f2cf2c"),
    DemoAccord("aquatic", "Aquatic", "مائي", "#4fa9d1"),
    DemoAccord("fresh", "Fresh", "منعش", "#7fcfc6"),
    DemoAccord("sweet", "Sweet", "حلو", "#e37fa0"),
    DemoAccord("vanilla", "Vanilla", "فانيليا", "#eed49a"),
    DemoAccord("powdery", "Powdery", "بودري", "#dcc3d6"),
    DemoAccord("leather", "Leather", "جلدي", "#5e3b27"),
    DemoAccord("smoky", "Smoky", "دخاني", "#6e6864"),
    DemoAccord("balsamic", "Balsamic", "بلسمي", "#a0652f"),
    DemoAccord("aromatic", "Aromatic", "عشبي عطري", "#5f8a5a"),
    DemoAccord("fruity", "Fruity", "فاكهي", "#e2613f"),
    DemoAccord("green", "Green", "أخضر", "#4e9a3c"),
    DemoAccord("earthy", "Earthy", "ترابي", "#7a6446"),
    DemoAccord("incense", "Incense", "بخوري", "#8b7d6b"),
)
# The accord a note feeds: its family's, unless named here.
FAMILY_ACCORD = {
    "oud": "oud", "amber": "amber", "woody": "woody", "floral": "floral", "fresh": "fresh", "citrus": "citrus",
    "aquatic": "aquatic", "gourmand": "sweet", "spicy": "warm-spicy", "musky": "musky", "leather": "leather",
    "aromatic": "aromatic", "fruity": "fruity", "green": "green", "powdery": "powdery",
}
NOTE_ACCORD = {
    **dict.fromkeys(("taif-rose", "bulgarian-rose", "turkish-rose", "rose-de-mai", "damask-rose", "rose"), "rose"),
    **dict.fromkeys(("jasmine", "jasmine-sambac", "tuberose", "orange-blossom", "gardenia", "frangipani", "tiare",
                     "white-flowers", "ylang-ylang", "magnolia", "champaca", "lily-of-the-valley", "lily", "kewda"),
                    "white-floral"),
    **dict.fromkeys(("vanilla", "bourbon-vanilla", "tonka-bean"), "vanilla"),
    **dict.fromkeys(("pink-pepper", "black-pepper", "ginger", "cardamom", "coriander", "sichuan-pepper",
                     "star-anise"), "fresh-spicy"),
    **dict.fromkeys(("frankincense", "hojari-frankincense", "incense", "myrrh", "elemi", "opoponax", "mastic"),
                    "incense"),
    **dict.fromkeys(("benzoin", "tolu-balsam", "peru-balsam", "styrax", "labdanum"), "balsamic"),
    **dict.fromkeys(("oud-smoke", "smoke", "birch-tar", "cade"), "smoky"),
    **dict.fromkeys(("patchouli", "vetiver", "cypriol", "oakmoss", "moss", "carrot-seed"), "earthy"),
    "saffron": "saffron",
}

# fmt: off
HOUSES = (
    # Arabian houses (transliterated names, as their boxes print them).
    DemoHouse("dar-al-oud", "Dar Al Oud", "دار العود", "arabian", "AE", 1987, ("oud", "amber", "spicy"), 1.4, True,
              "Founded in a small shop beside the Deira spice souk, Dar Al Oud has aged its own oud oils for three "
              "generations. Its blends pair Cambodian and Hindi oud with Taif rose and saffron, the way Emirati "
              "grandmothers scented the majlis.",
              "بدأت دار العود في دكان صغير بجوار سوق البهارات في ديرة، وتعتّق زيوت العود بنفسها منذ ثلاثة أجيال. "
              "تمزج خلطاتها العود الكمبودي والهندي بالورد الطائفي والزعفران، كما كانت الجدّات الإماراتيات يعطّرن المجلس."),
    DemoHouse("nafahat-al-sahra", "Nafahat Al Sahra", "نفحات الصحراء", "arabian", "AE", 2004, ("amber", "musky", "oud"),
              0.9, False,
              "Nafahat Al Sahra bottles the desert after sunset: warm sand, campfire smoke and the sweetness of dates. "
              "Its workshop in Al Ain still fills every attar by hand.",
              "تعبّئ نفحات الصحراء رائحة البر بعد الغروب: رمل دافئ ودخان السمر وحلاوة التمر. "
              "وما زالت ورشتها في العين تملأ كل دهن عطري باليد."),
    DemoHouse("qasr-al-anbar", "Qasr Al Anbar", "قصر العنبر", "arabian", "SA", 1995, ("amber", "oud", "floral"), 1.2,
              True,
              "Qasr Al Anbar was born in Jeddah's old Al Balad quarter, where pilgrims once traded ambergris and musk. "
              "Its perfumers build rich, long-lasting ambers for weddings and Eid.",
              "نشأ قصر العنبر في حي البلد التاريخي بجدة، حيث كان الحجاج يتبادلون العنبر والمسك. "
              "ويصنع عطّاروه عطورًا عنبرية غنية تدوم طويلًا للأعراس والأعياد."),
    DemoHouse("zahrat-al-taif", "Zahrat Al Taif", "زهرة الطائف", "arabian", "SA", 2001, ("floral", "oud", "musky"), 1.0,
              False,
              "Zahrat Al Taif distils its own rose water and rose oil every spring in the terraced gardens of Al Hada. "
              "Every perfume it makes starts with Taif rose.",
              "تقطّر زهرة الطائف ماء الورد ودهنه بنفسها كل ربيع في مزارع الهدا المدرّجة. "
              "وكل عطر تصنعه يبدأ بالورد الطائفي."),
    DemoHouse("layali-muscat", "Layali Muscat", "ليالي مسقط", "arabian", "OM", 1998, ("amber", "floral", "spicy"), 1.3,
              True,
              "Layali Muscat works with Dhofari frankincense and the jasmine of Omani courtyards. "
              "Its perfumes are quiet by day and bloom at night.",
              "تعمل ليالي مسقط باللبان الظفاري وياسمين البيوت العمانية. "
              "عطورها هادئة في النهار وتتفتّح في الليل."),
    DemoHouse("dar-al-marjan", "Dar Al Marjan", "دار المرجان", "arabian", "BH", 1979, ("musky", "floral", "aquatic"),
              0.9, False,
              "Dar Al Marjan began as a pearl merchant's side trade in Muharraq, selling musk to the divers' families. "
              "Today it is known for clean white musks and soft sea-breeze attars.",
              "بدأت دار المرجان تجارة جانبية لتاجر لؤلؤ في المحرّق، يبيع المسك لعائلات الغواصين. "
              "وتشتهر اليوم بالمسك الأبيض النظيف والأدهان الخفيفة بنسمة البحر."),
    DemoHouse("ghaym", "Ghaym", "غيم", "arabian", "QA", 2016, ("fresh", "musky", "woody"), 1.0, False,
              "Ghaym is a young Doha house that lightens Gulf classics for the office and the summer heat. "
              "It uses oud and saffron sparingly, next to tea, citrus and clean woods.",
              "غيم دار دوحية شابة تخفّف الكلاسيكيات الخليجية لتناسب الدوام وحرّ الصيف. "
              "وتستخدم العود والزعفران باعتدال، إلى جانب الشاي والحمضيات والأخشاب النظيفة."),
    DemoHouse("misk-al-khaleej", "Misk Al Khaleej", "مسك الخليج", "arabian", "AE", 1992, ("musky", "floral", "amber"),
              0.7, False,
              "Misk Al Khaleej has sold musk by the tola in Sharjah since 1992. "
              "Its affordable musks and body mists are in every Emirati handbag.",
              "تبيع مسك الخليج المسك بالتولة في الشارقة منذ عام 1992. "
              "ولا تغيب أنواع مسكها ومعطرات الجسم التي تقدمها بأسعار في المتناول عن أي حقيبة يد إماراتية."),
    DemoHouse("bayt-al-zafaran", "Bayt Al Zafaran", "بيت الزعفران", "arabian", "SA", 2008, ("spicy", "oud", "amber"),
              1.1, False,
              "Bayt Al Zafaran buys its saffron directly from growers and turns it into perfume oils in Riyadh. "
              "Its perfumes are warm, golden and generous with spice.",
              "يشتري بيت الزعفران زعفرانه من المزارعين مباشرة ويحوّله إلى زيوت عطرية في الرياض. "
              "وعطوره دافئة ذهبية وسخية بالتوابل."),
    DemoHouse("sidra-attars", "Sidra Attars", "عطور سدرة", "arabian", "AE", 2011, ("floral", "musky", "green"), 0.8,
              False,
              "Sidra Attars takes its name from the lote tree that shades the farms of Ras Al Khaimah. "
              "It makes gentle, alcohol-free attars to wear every day.",
              "استمدت عطور سدرة اسمها من شجرة السدر التي تظلّل مزارع رأس الخيمة. "
              "وتصنع أدهانًا عطرية لطيفة خالية من الكحول تناسب الاستعمال اليومي."),
    DemoHouse("oud-al-majlis", "Oud Al Majlis", "عود المجلس", "arabian", "KW", 1985, ("oud", "woody", "leather"), 1.5,
              True,
              "Oud Al Majlis supplies the diwaniyas of Kuwait with aged oud chips and dark, smoky oils. "
              "Its masters grade every batch of wood by hand before it is burned or distilled.",
              "يزوّد عود المجلس الدواوين الكويتية بقطع العود المعتّق والأدهان الداكنة المدخّنة. "
              "ويفرز خبراؤه كل دفعة من الخشب يدويًا قبل تبخيرها أو تقطيرها."),
    DemoHouse("rimal", "Rimal", "رمال", "arabian", "AE", 2019, ("amber", "gourmand", "fruity"), 0.8, False,
              "Rimal is an Abu Dhabi brand for a new generation, mixing oud with vanilla, pistachio and dates. "
              "Its bold sprays are made for shopping trips, road trips and long nights out.",
              "رمال علامة أبوظبية لجيل جديد، تمزج العود بالفانيليا والفستق والتمر. "
              "وبخاخاتها الجريئة مصنوعة للتسوق والرحلات والسهرات الطويلة."),
    DemoHouse("najd-attars", "Najd Attars", "عطور نجد", "arabian", "SA", 1990, ("oud", "amber", "musky"), 1.0, False,
              "Najd Attars keeps the old perfume recipes of central Arabia: heavy oud oils, ambergris and Tahara musk. "
              "Its shop in Qassim still weighs oils on a brass scale.",
              "تحافظ عطور نجد على وصفات العطور القديمة في وسط الجزيرة العربية: أدهان العود الثقيلة والعنبر ومسك الطهارة. "
              "وما زال متجرها في القصيم يزن الأدهان بميزان نحاسي."),
    DemoHouse("hijaz-oud", "Hijaz Oud", "عود الحجاز", "arabian", "SA", 2003, ("oud", "floral", "spicy"), 1.3, False,
              "Hijaz Oud blends the Hijazi love of rose and oud with modern French technique. "
              "Its perfumers trained in Grasse and came home to Jeddah.",
              "يمزج عود الحجاز ذوق أهل الحجاز في الورد والعود بالتقنيات الفرنسية الحديثة. "
              "تدرّب عطّاروه في غراس ثم عادوا إلى جدة."),
    DemoHouse("dhofar-incense-house", "Dhofar Incense House", "بيت ظفار للبخور", "arabian", "OM", 1972,
              ("amber", "woody", "spicy"), 1.0, False,
              "Dhofar Incense House has traded Hojari frankincense from the mountains above Salalah for half a "
              "century. Its bakhoor and incense perfumes carry the smoke of the old caravan routes.",
              "يتاجر بيت ظفار للبخور باللبان الحوجري من جبال صلالة منذ نصف قرن. "
              "ويحمل بخوره وعطوره دخان طرق القوافل القديمة."),
    DemoHouse("wadi-al-ward", "Wadi Al Ward", "وادي الورد", "arabian", "SA", 2013, ("floral", "fruity", "musky"), 0.9,
              False,
              "Wadi Al Ward is a family rose farm near Taif that began bottling its own perfumes. "
              "Its scents are bright, rosy and easy to love.",
              "وادي الورد مزرعة ورد عائلية قرب الطائف بدأت تعبئة عطورها الخاصة. "
              "وعطورها مشرقة وردية يسهل أن تحبها."),
    DemoHouse("saaf", "Saaf", "سعف", "arabian", "AE", 2015, ("green", "fresh", "woody"), 0.9, False,
              "Saaf, named after the palm frond, draws on the greens of the Emirati oasis: date palm, henna and lime. "
              "Its light sprays are made for the summer heat.",
              "تستلهم سعف، التي أخذت اسمها من أوراق النخيل، خضرة الواحة الإماراتية: النخيل والحناء والليمون. "
              "وبخاخاتها الخفيفة مصنوعة لحرّ الصيف."),
    DemoHouse("danah-attars", "Danah Attars", "عطور الدانة", "arabian", "KW", 2006, ("musky", "amber", "floral"), 1.1,
              False,
              "Danah Attars is named after the largest and rarest pearl a diver could find. "
              "Its perfumes are rich, polished and made to be given as gifts.",
              "تحمل عطور الدانة اسم أكبر لؤلؤة وأندرها قد يعثر عليها الغوّاص. "
              "وعطورها غنية مصقولة ومصنوعة لتُهدى."),
    # Designer-style houses: fashion labels with a perfume line.
    DemoHouse("maison-delaunay", "Maison Delaunay", "ميزون ديلوني", "designer", "FR", 1962,
              ("floral", "powdery", "amber"), 1.0, True,
              "Maison Delaunay dressed Paris in the sixties and launched its first perfume with its first couture "
              "collection. Its fragrances are polished florals and ambers with a couturier's restraint.",
              "ألبست ميزون ديلوني باريس في الستينيات، وأطلقت عطرها الأول مع أول مجموعة أزياء راقية لها. "
              "وعطورها زهرية وعنبرية مصقولة بتحفّظ مصمّمي الأزياء."),
    DemoHouse("lucien-varenne", "Lucien Varenne", "لوسيان فارين", "designer", "FR", 1978,
              ("woody", "aromatic", "fresh"), 1.0, False,
              "Lucien Varenne built a menswear label on sharp tailoring and cedar-scented wardrobes. "
              "Its colognes and woody fragrances are office classics from Paris to Dubai.",
              "بنى لوسيان فارين علامة أزياء رجالية على الخياطة المتقنة وخزائن الملابس المعطّرة بخشب الأرز. "
              "وعطوره الخشبية والكولونيا من كلاسيكيات الدوام من باريس إلى دبي."),
    DemoHouse("casa-bellandi", "Casa Bellandi", "كازا بيلاندي", "designer", "IT", 1951, ("citrus", "floral", "woody"),
              1.0, False,
              "Casa Bellandi is a Florentine leather-goods house that turned to perfume in the nineties. "
              "Its scents bottle Italian sunshine: bergamot, neroli and warm woods.",
              "كازا بيلاندي دار فلورنسية للمصنوعات الجلدية اتجهت إلى العطور في التسعينيات. "
              "وتحبس عطورها شمس إيطاليا: البرغموت والنيرولي والأخشاب الدافئة."),
    DemoHouse("ardenti-milano", "Ardenti Milano", "أردنتي ميلانو", "designer", "IT", 1984, ("spicy", "leather", "amber"),
              1.1, False,
              "Ardenti Milano dresses the Milan night in black velvet and gold. "
              "Its fragrances are spicy, bold and unapologetically glamorous.",
              "تُلبس أردنتي ميلانو ليل ميلانو المخمل الأسود والذهب. "
              "وعطورها حارة جريئة وفاخرة بلا تردّد."),
    DemoHouse("whitcombe-hale", "Whitcombe & Hale", "ويتكومب آند هيل", "designer", "GB", 1899,
              ("aromatic", "citrus", "woody"), 1.0, False,
              "Whitcombe & Hale began as a barber and shirtmaker on Jermyn Street. "
              "Its fragrances still smell of lavender, fresh linen and polished wood.",
              "بدأت ويتكومب آند هيل حلاقًا وخياط قمصان في شارع جيرمين بلندن. "
              "وما زالت عطورها تفوح بالخزامى والكتان النظيف والخشب المصقول."),
    DemoHouse("sterling-avenue", "Sterling Avenue", "ستيرلينغ أفينيو", "designer", "US", 1996,
              ("fresh", "aquatic", "fruity"), 0.9, False,
              "Sterling Avenue is a New York fashion label known for denim, sneakers and easy, fresh fragrances. "
              "Its perfumes are made to be sprayed generously and worn every day.",
              "ستيرلينغ أفينيو علامة أزياء نيويوركية معروفة بالجينز والأحذية الرياضية والعطور المنعشة السهلة. "
              "وعطورها مصنوعة لتُرشّ بسخاء وتُستعمل كل يوم."),
    DemoHouse("odette-marchal", "Odette Marchal", "أوديت مارشال", "designer", "FR", 1971,
              ("floral", "fruity", "gourmand"), 1.05, True,
              "Odette Marchal made her name with romantic evening gowns and a rose perfume that became a bridal "
              "favourite. The house still launches a new floral every spring.",
              "صنعت أوديت مارشال اسمها بفساتين السهرة الرومانسية وبعطر ورد صار المفضّل لدى العرائس. "
              "وما زالت الدار تطلق عطرًا زهريًا جديدًا كل ربيع."),
    DemoHouse("vittoria-santelli", "Vittoria Santelli", "فيتوريا سانتيلي", "designer", "IT", 1988,
              ("floral", "gourmand", "powdery"), 1.05, False,
              "Vittoria Santelli is a Roman fashion house of lace, silk and bright colour. "
              "Its perfumes are sweet, feminine and a little theatrical.",
              "فيتوريا سانتيلي دار أزياء رومانية للدانتيل والحرير والألوان الزاهية. "
              "وعطورها حلوة أنثوية وفيها لمسة مسرحية."),
    DemoHouse("hartwell-london", "Hartwell London", "هارتويل لندن", "designer", "GB", 1975,
              ("woody", "leather", "aromatic"), 1.0, False,
              "Hartwell London is a Savile Row tailor with a quiet fragrance line. "
              "Its scents recall tweed, tea and leather gloves, and are made for cool evenings.",
              "هارتويل لندن خيّاط في سافيل رو يملك مجموعة عطور هادئة. "
              "وعطوره تذكّر بالتويد والشاي والقفازات الجلدية، ومصنوعة للأمسيات الباردة."),
    DemoHouse("monroe-vale", "Monroe & Vale", "مونرو آند فيل", "designer", "US", 2005, ("gourmand", "fruity", "amber"),
              0.85, False,
              "Monroe & Vale is a Los Angeles label that grew out of a celebrity stylist's studio. "
              "Its fragrances are playful, sweet and impossible to miss.",
              "مونرو آند فيل علامة من لوس أنجلوس خرجت من استوديو منسّقة أزياء للمشاهير. "
              "وعطورها مرحة حلوة ولافتة."),
    DemoHouse("elena-robles", "Elena Robles", "إيلينا روبليس", "designer", "ES", 1993, ("citrus", "floral", "fruity"),
              0.9, False,
              "Elena Robles brought the orange groves of Valencia to her boutiques in Madrid. "
              "Her fragrances are sunny, cheerful and full of orange blossom.",
              "نقلت إيلينا روبليس بساتين البرتقال في فالنسيا إلى متاجرها في مدريد. "
              "وعطورها مشمسة مبهجة ومليئة بزهر البرتقال."),
    DemoHouse("kasimir-vogt", "Kasimir Vogt", "كازيمير فوغت", "designer", "DE", 1969, ("aromatic", "woody", "fresh"),
              0.95, False,
              "Kasimir Vogt is a Berlin label of precise, minimal clothing. "
              "Its fragrances follow the same rule: few materials, clean lines, nothing extra.",
              "كازيمير فوغت علامة برلينية لأزياء دقيقة وبسيطة. "
              "وعطورها تتبع القاعدة نفسها: مكوّنات قليلة وخطوط نظيفة ولا شيء زائد."),
    # Niche houses.
    DemoHouse("atelier-sillage", "Atelier Sillage", "أتيليه سياج", "niche", "FR", 2009, ("woody", "amber", "leather"),
              1.0, True,
              "Atelier Sillage is a Paris workshop of three perfumers who sign every formula together. "
              "It is known for dense woods and ambers that project for hours.",
              "أتيليه سياج ورشة باريسية لثلاثة عطّارين يوقّعون كل تركيبة معًا. "
              "وتشتهر بأخشاب وعنابر كثيفة يفوح أثرها لساعات."),
    DemoHouse("maison-cendre", "Maison Cendre", "ميزون سوندر", "niche", "FR", 2014, ("woody", "leather", "amber"), 1.05,
              False,
              "Maison Cendre, 'the house of ash', works with smoke, incense and charred woods. "
              "Its perfumes are dark, dry and meditative.",
              "ميزون سوندر، أي «دار الرماد»، تعمل بالدخان والبخور والأخشاب المحروقة. "
              "وعطورها داكنة جافة تدعو إلى التأمل."),
    DemoHouse("nuit-dambre", "Nuit d'Ambre Parfums", "نوي دامبر", "niche", "FR", 2011, ("amber", "gourmand", "spicy"),
              1.0, False,
              "Nuit d'Ambre Parfums makes nothing but ambers, each built around a different resin. "
              "Its founder gathered labdanum and benzoin on her travels from Crete to Laos.",
              "لا تصنع نوي دامبر إلا العطور العنبرية، وكل عطر منها مبني حول راتنج مختلف. "
              "جمعت مؤسِّستها اللادن والجاوي في رحلاتها من كريت إلى لاوس."),
    DemoHouse("officina-ombra", "Officina Ombra", "أوفيتشينا أومبرا", "niche", "IT", 2012, ("green", "woody", "aromatic"),
              0.95, False,
              "Officina Ombra is a Tuscan laboratory inspired by cypress shade and herb gardens. "
              "Its perfumes are green, resinous and quietly elegant.",
              "أوفيتشينا أومبرا مختبر توسكاني يستلهم ظلال السرو وحدائق الأعشاب. "
              "وعطوره خضراء راتنجية وأنيقة بهدوء."),
    DemoHouse("fiori-di-sale", "Fiori di Sale", "فيوري دي سالي", "niche", "IT", 2017, ("aquatic", "citrus", "floral"),
              0.95, False,
              "Fiori di Sale, 'flowers of salt', bottles the Amalfi coast: sea spray, lemon groves and sun-warmed skin. "
              "Its perfumes are made for beach days and summer evenings.",
              "فيوري دي سالي، أي «زهور الملح»، تحبس ساحل أمالفي في زجاجة: رذاذ البحر وبساتين الليمون والبشرة الدافئة بالشمس. "
              "وعطورها مصنوعة لأيام الشاطئ وأمسيات الصيف."),
    DemoHouse("ledbury-finch", "Ledbury & Finch", "ليدبري آند فينش", "niche", "GB", 2010, ("aromatic", "green", "woody"),
              0.95, False,
              "Ledbury & Finch is a London perfumery in a former apothecary, still lined with its Victorian drawers. "
              "Its perfumes are herbal, green and very English.",
              "ليدبري آند فينش دار عطور لندنية في صيدلية قديمة ما زالت تصطف فيها أدراجها الفيكتورية. "
              "وعطورها عشبية خضراء وإنجليزية جدًا."),
    DemoHouse("ashgrove-perfumers", "Ashgrove Perfumers", "آشغروف للعطور", "niche", "GB", 2008,
              ("woody", "leather", "spicy"), 1.0, False,
              "Ashgrove Perfumers is a Scottish house that works with peat smoke, heather and old leather. "
              "Its scents are made for rain, wool and long walks.",
              "آشغروف دار عطور اسكتلندية تعمل بدخان الخث والخلنج والجلد العتيق. "
              "وعطورها مصنوعة للمطر والصوف والمشي الطويل."),
    DemoHouse("kori-perfumery", "Kori Perfumery", "كوري للعطور", "niche", "JP", 2015, ("green", "fresh", "woody"), 1.0,
              False,
              "Kori Perfumery is a Kyoto studio that works with hinoki, yuzu and green tea. "
              "Its perfumes are transparent, calm and precise.",
              "كوري استوديو عطور في كيوتو يعمل بخشب الهينوكي واليوزو والشاي الأخضر. "
              "وعطوره شفافة هادئة ودقيقة."),
    DemoHouse("maison-lichen", "Maison Lichen", "ميزون ليكين", "niche", "FR", 2016, ("green", "woody", "powdery"), 1.0,
              False,
              "Maison Lichen makes modern chypres around oakmoss, iris and patchouli. "
              "Its founder left a large fragrance house to work in a greenhouse in Grasse.",
              "تصنع ميزون ليكين عطور شيبر حديثة حول طحلب البلوط والسوسن والباتشولي. "
              "وقد ترك مؤسسها دار عطور كبرى ليعمل في بيت زجاجي في غراس."),
    DemoHouse("brume-cuir", "Brume & Cuir", "بروم إي كوير", "niche", "FR", 2013, ("leather", "floral", "powdery"), 1.1,
              False,
              "Brume & Cuir pairs soft leathers with misty florals. "
              "Its perfumes feel like a suede glove holding a bunch of violets.",
              "تجمع بروم إي كوير الجلود الناعمة بالأزهار الضبابية. "
              "وعطورها تشبه قفازًا من الشمواه يحمل باقة من البنفسج."),
    DemoHouse("norrsken", "Norrsken", "نورشين", "niche", "SE", 2018, ("fresh", "aquatic", "woody"), 0.95, False,
              "Norrsken, Swedish for the northern lights, works with frozen air, pine and birch. "
              "Its perfumes are cool, clean and luminous.",
              "نورشين، أي «الشفق القطبي» بالسويدية، تعمل بالهواء المتجمّد والصنوبر والبتولا. "
              "وعطورها باردة نظيفة ومضيئة."),
    DemoHouse("alba-nera", "Alba Nera", "ألبا نيرا", "niche", "IT", 2007, ("oud", "spicy", "leather"), 1.2, True,
              "Alba Nera, 'black dawn', reinterprets oud through Italian leather and spice. "
              "Its Venetian founder first smelled oud in a Dubai souk and has stayed faithful to it ever since.",
              "ألبا نيرا، أي «الفجر الأسود»، تعيد تفسير العود بالجلد الإيطالي والتوابل. "
              "شمّ مؤسسها البندقي العود أول مرة في سوق بدبي، وظلّ وفيًا له منذ ذلك الحين."),
    DemoHouse("oud-atelier-geneve", "Oud Atelier Genève", "عود أتيليه جنيف", "niche", "CH", 2012,
              ("oud", "floral", "woody"), 1.4, False,
              "Oud Atelier Genève sources wild oud from Assam and Borneo and blends it with Swiss precision. "
              "Its extraits are among the most expensive perfumes sold in the Gulf.",
              "يجلب عود أتيليه جنيف العود البري من آسام وبورنيو ويمزجه بالدقة السويسرية. "
              "ومستخلصاته من أغلى العطور التي تُباع في الخليج."),
    DemoHouse("maison-ambrine", "Maison Ambrine", "ميزون أمبرين", "niche", "FR", 2019, ("musky", "powdery", "amber"),
              1.0, False,
              "Maison Ambrine is devoted to skin scents: musks, ambrette and soft ambers that stay close to the body. "
              "Its perfumes are discovered by whoever leans in.",
              "ميزون أمبرين مكرّسة لعطور البشرة: المسك وحب المسك والعنابر الناعمة التي تلازم الجسد. "
              "وعطورها يكتشفها من يقترب منك."),
    # Indie houses.
    DemoHouse("small-hours", "Small Hours Perfume", "سمول آورز", "indie", "US", 2017, ("gourmand", "woody", "amber"),
              1.0, False,
              "Small Hours Perfume is a Portland studio run by two night-shift nurses turned perfumers. "
              "Its scents are cosy gourmands and woods for the late hours.",
              "سمول آورز استوديو في بورتلاند تديره ممرضتان عملتا في نوبات الليل ثم تحوّلتا إلى صناعة العطور. "
              "وعطوره حلوة دافئة وخشبية للساعات المتأخرة."),
    DemoHouse("fig-fable", "Fig & Fable", "فيغ آند فيبل", "indie", "GB", 2015, ("green", "fruity", "floral"), 0.95,
              False,
              "Fig & Fable writes a short story for every perfume and prints it on the box. "
              "Its scents are green, fruity and a little whimsical.",
              "تكتب فيغ آند فيبل قصة قصيرة لكل عطر وتطبعها على علبته. "
              "وعطورها خضراء فاكهية وفيها شيء من الخيال."),
    DemoHouse("desert-bloom-studio", "Desert Bloom Studio", "ديزرت بلوم ستوديو", "indie", "AE", 2020,
              ("floral", "fresh", "musky"), 0.9, True,
              "Desert Bloom Studio is an Emirati indie label born on Instagram and now based in a small studio in "
              "Alserkal Avenue. Its founder makes light florals for women who wear perfume to work in the heat.",
              "ديزرت بلوم ستوديو علامة إماراتية مستقلة وُلدت على إنستغرام وانتقلت إلى استوديو صغير في السركال أفنيو. "
              "وتصنع مؤسستها عطورًا زهرية خفيفة لنساء يتعطرن للدوام في الحر."),
    DemoHouse("cedar-smoke", "Cedar & Smoke", "سيدار آند سموك", "indie", "CA", 2014, ("woody", "leather", "aromatic"),
              0.95, False,
              "Cedar & Smoke is a Vancouver perfumer who distils conifers from the Pacific coast. "
              "Its perfumes smell of campfires, wet forests and wool.",
              "سيدار آند سموك صانع عطور في فانكوفر يقطّر الصنوبريات من ساحل المحيط الهادئ. "
              "وعطوره تفوح بنار المخيمات والغابات المبللة والصوف."),
    DemoHouse("saltwater-muse", "Saltwater Muse", "سولت ووتر ميوز", "indie", "AU", 2016, ("aquatic", "fresh", "fruity"),
              0.9, False,
              "Saltwater Muse is a perfumer from a surf town in New South Wales. "
              "Its scents are salty, sunny and made for long summers.",
              "سولت ووتر ميوز صانعة عطور من بلدة لركوب الأمواج في نيو ساوث ويلز. "
              "وعطورها مالحة مشمسة ومصنوعة للصيف الطويل."),
    DemoHouse("beit-yasmine", "Beit Yasmine", "بيت ياسمين", "indie", "LB", 2012, ("floral", "citrus", "green"), 0.95,
              False,
              "Beit Yasmine is a Beirut house that grew from a grandmother's jasmine-covered balcony. "
              "Its perfumes are Levantine florals with orange blossom, jasmine and fig.",
              "بيت ياسمين دار بيروتية نشأت من شرفة جدّة يغطيها الياسمين. "
              "وعطورها زهرية شامية بزهر البرتقال والياسمين والتين."),
    DemoHouse("petra-botanica", "Petra Botanica", "بترا بوتانيكا", "indie", "JO", 2018, ("aromatic", "green", "amber"),
              0.9, False,
              "Petra Botanica works with herbs gathered by Bedouin families around Wadi Rum: sage, artemisia and wild "
              "thyme. Its perfumes are dry, herbal and sun-baked.",
              "تعمل بترا بوتانيكا بالأعشاب التي تجمعها عائلات بدوية حول وادي رم: المريمية والشيح والزعتر البري. "
              "وعطورها جافة عشبية كأنها نضجت تحت الشمس."),
    DemoHouse("khan-al-attar", "Khan Al Attar", "خان العطار", "indie", "EG", 1965, ("musky", "floral", "amber"), 0.8,
              False,
              "Khan Al Attar is a perfumer in the lanes of Cairo's Khan el-Khalili, known for Egyptian musk and lotus "
              "oils. The third generation now also makes small-batch sprays.",
              "خان العطار عطّار قاهري في أزقة خان الخليلي، معروف بالمسك المصري وأدهان اللوتس. "
              "ويصنع الجيل الثالث اليوم أيضًا بخاخات بكميات صغيرة."),
    DemoHouse("mitti-attar-house", "Mitti Attar House", "دار متي للعطور", "indie", "IN", 2009,
              ("woody", "floral", "green"), 0.85, False,
              "Mitti Attar House distils attars in copper stills the traditional way, including mitti, the smell of "
              "first rain on dry earth. Its oils are alcohol-free and made in tiny batches.",
              "تقطّر دار متي للعطور أدهانها في قدور نحاسية على الطريقة التقليدية، ومنها عطر «متي» الذي يحبس رائحة المطر "
              "الأول على الأرض الجافة. وأدهانها خالية من الكحول وتُصنع بكميات صغيرة جدًا."),
    DemoHouse("anatolia-scent-works", "Anatolia Scent Works", "أناضول للعطور", "indie", "TR", 2013,
              ("spicy", "gourmand", "floral"), 0.9, False,
              "Anatolia Scent Works is an Istanbul atelier inspired by the spice bazaar and Turkish delight. "
              "Its perfumes are spicy, rosy and sweet.",
              "أناضول للعطور مشغل في إسطنبول مستوحى من سوق التوابل وراحة الحلقوم. "
              "وعطوره حارة وردية وحلوة."),
    DemoHouse("blue-hour-perfumes", "Blue Hour Perfumes", "بلو آور للعطور", "indie", "US", 2019,
              ("powdery", "musky", "floral"), 0.95, False,
              "Blue Hour Perfumes makes soft, hazy scents for the moment between sunset and night. "
              "Every bottle is filled by hand in a Brooklyn apartment.",
              "تصنع بلو آور عطورًا ناعمة ضبابية للحظة بين الغروب والليل. "
              "وتُملأ كل زجاجة يدويًا في شقة في بروكلين."),
    DemoHouse("moonlit-majlis", "Moonlit Majlis", "مجلس القمر", "indie", "AE", 2021, ("oud", "gourmand", "spicy"), 1.0,
              True,
              "Moonlit Majlis is a Dubai indie house started by two sisters who grew up burning bakhoor for their "
              "mother's guests. Its perfumes mix Emirati tradition with coffee, cardamom and vanilla.",
              "مجلس القمر دار إماراتية مستقلة في دبي أسستها أختان كبرتا وهما تبخّران ضيوف والدتهما. "
              "وعطورها تمزج التقاليد الإماراتية بالقهوة والهيل والفانيليا."),
)

# The shops that sell on AromaSouQ. The first belongs to the demo vendor account (vendor@example.com).
VENDORS = (
    DemoVendor("al-ras-perfume-house", "Al Ras Perfume House", "بيت الراس للعطور", "dubai", "approved", "ARP",
               "0.120", {"arabian": 6, "indie": 1},
               "A family shop in the Deira perfume souk since 1979, now selling online across the Emirates. "
               "Oud oils, bakhoor and Arabian perfumes, with same-day delivery in Dubai.",
               "محل عائلي في سوق العطور بديرة منذ عام 1979، يبيع اليوم عبر الإنترنت في أنحاء الإمارات. "
               "أدهان العود والبخور والعطور العربية، مع توصيل في اليوم نفسه داخل دبي."),
    DemoVendor("marina-scent-gallery", "Marina Scent Gallery", "معرض مارينا للعطور", "dubai", "approved", "MSG",
               "0.150", {"niche": 6, "designer": 3, "indie": 2},
               "A boutique in Dubai Marina for niche and designer perfumes, with decants of almost everything it stocks. "
               "Orders placed before 4 pm arrive the same evening in Dubai.",
               "متجر في دبي مارينا للعطور الفاخرة والعالمية، مع تقسيمات من كل ما يعرضه تقريبًا. "
               "الطلبات قبل الساعة الرابعة عصرًا تصل في المساء نفسه داخل دبي."),
    DemoVendor("corniche-fragrances", "Corniche Fragrances", "عطور الكورنيش", "abu-dhabi", "approved", "CNF",
               "0.150", {"designer": 6, "arabian": 2, "niche": 1},
               "An Abu Dhabi perfumery on the Corniche with a wide range of designer brands and gift sets. "
               "Known for careful gift wrapping and next-day delivery across the UAE.",
               "محل عطور على كورنيش أبوظبي يضم تشكيلة واسعة من العلامات العالمية وأطقم الهدايا. "
               "ومعروف بتغليف الهدايا بعناية والتوصيل في اليوم التالي إلى كل الإمارات."),
    DemoVendor("sharjah-heritage-attars", "Sharjah Heritage Attars", "عطور الشارقة التراثية", "sharjah", "approved",
               "SHA", "0.130", {"arabian": 5, "indie": 1},
               "An attar shop in the Heart of Sharjah that blends oils to order from a library of more than 300 "
               "essences. Musks, roses and oud oils by the tola.",
               "محل أدهان في قلب الشارقة يخلط العطور حسب الطلب من مكتبة تضم أكثر من 300 خلاصة. "
               "مسك وورد وأدهان عود بالتولة."),
    DemoVendor("ajman-bakhoor-corner", "Ajman Bakhoor Corner", "ركن عجمان للبخور", "ajman", "approved", "ABC",
               "0.120", {"arabian": 4},
               "A small Ajman shop devoted to bakhoor, oud chips and incense burners. "
               "Every order ships with a free sample of its house bakhoor.",
               "محل صغير في عجمان مخصّص للبخور وقطع العود والمباخر. "
               "ويرسل مع كل طلب عيّنة مجانية من بخوره الخاص."),
    DemoVendor("jebel-jais-perfumery", "Jebel Jais Perfumery", "عطور جبل جيس", "ras-al-khaimah", "approved", "JJP",
               "0.140", {"indie": 6, "niche": 3},
               "A Ras Al Khaimah perfumery with a soft spot for indie and niche houses. "
               "Its owners test everything they sell on their own skin first.",
               "محل عطور في رأس الخيمة يميل إلى الدور المستقلة والعطور النادرة. "
               "ويجرّب أصحابه كل ما يبيعونه على بشرتهم أولًا."),
    DemoVendor("khor-perfumes", "Khor Perfumes", "عطور الخور", "umm-al-quwain", "approved", "KHR", "0.120",
               {"arabian": 3, "designer": 2},
               "A family perfumery by the Umm Al Quwain lagoon selling Arabian perfumes and body mists at everyday "
               "prices. Families come here for their Eid gifts.",
               "محل عطور عائلي بجوار خور أم القيوين يبيع العطور العربية ومعطرات الجسم بأسعار يومية. "
               "ويقصده الأهالي لشراء هدايا العيد."),
    DemoVendor("fujairah-coast-scents", "Fujairah Coast Scents", "عطور ساحل الفجيرة", "fujairah", "pending", "FCS",
               "0.150", {"designer": 1, "indie": 1},
               "A new east-coast shop for fresh, marine and summer perfumes. "
               "It opened its doors in Fujairah this year.",
               "متجر جديد على الساحل الشرقي للعطور المنعشة والبحرية والصيفية. "
               "وقد افتتح أبوابه في الفجيرة هذا العام."),
    DemoVendor("decant-hub-uae", "Decant Hub UAE", "ديكانت هب الإمارات", "dubai", "suspended", "DHB", "0.180",
               {"niche": 1, "designer": 1},
               "An online shop for samples and decants of popular perfumes. "
               "Customers order small sizes before committing to a full bottle.",
               "متجر إلكتروني لعيّنات العطور الشهيرة وتقسيماتها. "
               "ويطلب منه العملاء الأحجام الصغيرة قبل شراء الزجاجة الكاملة."),
)
# fmt: on

# Perfumers (all fictional): Gulf houses mostly work with the first list.
ARAB_PERFUMERS = (
    "Hassan Al Attar", "Mariam Haddad", "Yousef Al Khatib", "Noura Saleh", "Tariq Mansour", "Leila Nasser",
    "Farid Benali", "Rania Aziz", "Samir Touma", "Zainab Al Hashimi", "Nadia Berrada", "Elias Karam",
)
PERFUMERS = (
    "Claire Moreau", "Julien Batisse", "Amélie Fournier", "Luca Ferraro", "Giulia Rinaldi", "Sophie Lindqvist",
    "Kenji Morita", "Ananya Rao", "Oliver Pembroke", "Harriet Cole", "Mateo Rivas", "Ingrid Halvorsen",
    "Camille Dufresne", "Pierre-Yves Marchetti", "Selin Aydın", "Daniel Whitaker", "Aurélie Vasseur",
    "Marco Bellandi", "Hana Kobayashi", "Thomas Gravel",
)

# Product names. Arabian houses: a noun in construct with a definite noun ("Layali Al Sahra" / "ليالي الصحراء").
ARABIC_NAME_HEADS = (
    ("Layali", "ليالي"), ("Ameer", "أمير"), ("Sultan", "سلطان"), ("Misk", "مسك"), ("Oud", "عود"),
    ("Ward", "ورد"), ("Zahrat", "زهرة"), ("Sirr", "سر"), ("Noor", "نور"), ("Qamar", "قمر"), ("Sihr", "سحر"),
    ("Jawharat", "جوهرة"), ("Anbar", "عنبر"), ("Naseem", "نسيم"), ("Shams", "شمس"), ("Majlis", "مجلس"),
    ("Rooh", "روح"), ("Kanz", "كنز"), ("Taj", "تاج"), ("Nafhat", "نفحة"), ("Hanin", "حنين"), ("Wesal", "وصال"),
    ("Asalat", "أصالة"), ("Fakhamat", "فخامة"), ("Hayat", "حياة"), ("Ameerat", "أميرة"), ("Lamsat", "لمسة"),
    ("Ishq", "عشق"), ("Bint", "بنت"), ("Hadiyat", "هدية"), ("Atr", "عطر"), ("Sahar", "سهر"),
)
ARABIC_NAME_TAILS = (
    ("Al Sahra", "الصحراء"), ("Al Layl", "الليل"), ("Al Arab", "العرب"), ("Al Khaleej", "الخليج"),
    ("Al Sharq", "الشرق"), ("Al Fajr", "الفجر"), ("Al Majlis", "المجلس"), ("Al Taif", "الطائف"), ("Najd", "نجد"),
    ("Al Bahr", "البحر"), ("Al Andalus", "الأندلس"), ("Al Oud", "العود"), ("Al Ward", "الورد"),
    ("Al Misk", "المسك"), ("Al Anbar", "العنبر"), ("Al Zafaran", "الزعفران"), ("Al Mulook", "الملوك"),
    ("Al Qamar", "القمر"), ("Al Nujoom", "النجوم"), ("Al Yasmeen", "الياسمين"), ("Dubai", "دبي"),
    ("Muscat", "مسقط"), ("Al Ain", "العين"), ("Liwa", "ليوا"), ("Al Wadi", "الوادي"), ("Al Dhahab", "الذهب"),
    ("Al Ameera", "الأميرة"), ("Al Hubb", "الحب"), ("Al Shita", "الشتاء"), ("Al Reem", "الريم"),
    ("Al Lulu", "اللؤلؤ"), ("Al Harir", "الحرير"), ("Al Ghuroob", "الغروب"), ("Al Sabah", "الصباح"),
    ("Al Eid", "العيد"), ("Al Hijaz", "الحجاز"), ("Hatta", "حتا"), ("Al Nakheel", "النخيل"), ("Al Dana", "الدانة"),
)
# Pairs that read as nonsense ("Nights of the Night", "Sun of the Moon").
ARABIC_NAME_CLASHES = frozenset({
    ("Layali", "Al Layl"), ("Layali", "Al Sabah"), ("Layali", "Al Fajr"), ("Shams", "Al Layl"),
    ("Shams", "Al Qamar"), ("Qamar", "Al Sabah"), ("Bint", "Al Hubb"), ("Sahar", "Al Sabah"),
})
# Perfume oils named after their material: "Dehn Al Ward" / "دهن الورد".
DEHN_TAILS = (
    ("Al Ward", "الورد"), ("Al Misk", "المسك"), ("Al Anbar", "العنبر"), ("Al Zafaran", "الزعفران"),
    ("Al Yasmeen", "الياسمين"), ("Al Sandal", "الصندل"),
)
# Oud oils by origin and grade: "Dehn Al Oud Cambodi Muattaq" / "دهن العود الكمبودي المعتق".
OUD_ORIGINS = (
    ("Cambodi", "الكمبودي"), ("Hindi", "الهندي"), ("Laosi", "اللاوسي"), ("Malaysi", "الماليزي"),
    ("Burmi", "البورمي"), ("Thai", "التايلندي"), ("Assami", "الآسامي"),
)
OUD_GRADES = (("Muattaq", "المعتق"), ("Royal", "الملكي"), ("Special", "الخاص"), ("Super", "سوبر"))
BAKHOOR_KINDS = (("Bakhoor", "بخور"), ("Bakhoor", "بخور"), ("Mabthooth", "مبثوث"), ("Maamoul", "معمول"))

# English names: an adjective and a noun; Arabic puts the adjective after the noun and agrees in gender.
ENGLISH_ADJECTIVES = (  # (English, Arabic masculine, Arabic feminine)
    ("Velvet", "مخملي", "مخملية"), ("Royal", "ملكي", "ملكية"), ("Golden", "ذهبي", "ذهبية"),
    ("Black", "أسود", "سوداء"), ("White", "أبيض", "بيضاء"), ("Silver", "فضي", "فضية"), ("Wild", "بري", "برية"),
    ("Secret", "سري", "سرية"), ("Imperial", "إمبراطوري", "إمبراطورية"), ("Smoky", "دخاني", "دخانية"),
    ("Silken", "حريري", "حريرية"), ("Crystal", "كريستالي", "كريستالية"), ("Blue", "أزرق", "زرقاء"),
    ("Noble", "نبيل", "نبيلة"), ("Eternal", "أبدي", "أبدية"), ("Desert", "صحراوي", "صحراوية"),
    ("Ancient", "عتيق", "عتيقة"), ("Pure", "نقي", "نقية"), ("Radiant", "مشرق", "مشرقة"), ("Private", "خاص", "خاصة"),
    ("Nocturnal", "ليلي", "ليلية"), ("Rare", "نادر", "نادرة"), ("Crimson", "قرمزي", "قرمزية"),
    ("Emerald", "زمردي", "زمردية"), ("Ivory", "عاجي", "عاجية"), ("Opulent", "فاخر", "فاخرة"),
    ("Hidden", "خفي", "خفية"), ("Sunlit", "مشمس", "مشمسة"),
)
ENGLISH_NOUNS = (  # (English, Arabic, grammatical gender of the Arabic noun)
    ("Oud", "عود", "m"), ("Rose", "وردة", "f"), ("Amber", "عنبر", "m"), ("Musk", "مسك", "m"),
    ("Saffron", "زعفران", "m"), ("Leather", "جلد", "m"), ("Iris", "سوسنة", "f"), ("Jasmine", "ياسمينة", "f"),
    ("Cedar", "أرز", "m"), ("Oasis", "واحة", "f"), ("Garden", "حديقة", "f"), ("Night", "ليلة", "f"),
    ("Dune", "كثيب", "m"), ("Horizon", "أفق", "m"), ("Mirage", "سراب", "m"), ("Ember", "جمرة", "f"),
    ("Pearl", "لؤلؤة", "f"), ("Tobacco", "تبغ", "m"), ("Orchid", "أوركيدة", "f"), ("Vanilla", "فانيليا", "f"),
    ("Bloom", "زهرة", "f"), ("Tea", "شاي", "m"), ("Santal", "صندل", "m"), ("Incense", "بخور", "m"),
    ("Fig", "تين", "m"), ("Neroli", "نيرولي", "m"), ("Moon", "قمر", "m"), ("Sun", "شمس", "f"),
    ("Storm", "عاصفة", "f"), ("Breeze", "نسمة", "f"), ("Elixir", "إكسير", "m"), ("Legend", "أسطورة", "f"),
    ("Crown", "تاج", "m"), ("Spirit", "روح", "f"), ("Patchouli", "باتشولي", "m"), ("Lavender", "خزامى", "f"),
    ("Gardenia", "غاردينيا", "f"), ("Plum", "برقوق", "m"), ("Cashmere", "كشمير", "m"), ("Peony", "فاوانيا", "f"),
    ("Voyage", "رحلة", "f"), ("Poem", "قصيدة", "f"), ("Tale", "حكاية", "f"), ("Sanctuary", "ملاذ", "m"),
    ("Flame", "شعلة", "f"), ("Shadow", "ظل", "m"), ("Dream", "حلم", "m"), ("Treasure", "كنز", "m"),
)
# French and Italian houses: "Nuit de Safran" / "ليلة الزعفران", "Notte di Zafferano" / "ليلة الزعفران".
FRENCH_HEADS = (
    ("Nuit", "ليلة"), ("Ombre", "ظل"), ("Jardin", "حديقة"), ("Éclat", "بريق"), ("Souffle", "نسمة"),
    ("Velours", "مخمل"), ("Rêve", "حلم"), ("Poudre", "بودرة"), ("Fleur", "زهرة"), ("Lumière", "نور"),
    ("Cœur", "قلب"), ("Secret", "سر"), ("Larme", "دمعة"), ("Voile", "وشاح"), ("Bois", "خشب"), ("Heure", "ساعة"),
)
FRENCH_TAILS = (
    ("Safran", "الزعفران"), ("Rose", "الورد"), ("Ambre", "العنبر"), ("Oud", "العود"), ("Cuir", "الجلد"),
    ("Iris", "السوسن"), ("Encens", "البخور"), ("Santal", "الصندل"), ("Figue", "التين"), ("Tabac", "التبغ"),
    ("Musc", "المسك"), ("Jasmin", "الياسمين"), ("Vanille", "الفانيليا"), ("Néroli", "النيرولي"),
    ("Cèdre", "الأرز"), ("Orient", "الشرق"), ("Minuit", "منتصف الليل"), ("Sable", "الرمال"), ("Soie", "الحرير"),
    ("Violette", "البنفسج"), ("Thé", "الشاي"), ("Bergamote", "البرغموت"),
)
ITALIAN_HEADS = (
    ("Notte", "ليلة"), ("Giardino", "حديقة"), ("Ombra", "ظل"), ("Velluto", "مخمل"), ("Sogno", "حلم"),
    ("Fiore", "زهرة"), ("Luce", "نور"), ("Cuore", "قلب"), ("Segreto", "سر"), ("Acqua", "ماء"), ("Aria", "نسيم"),
)
ITALIAN_TAILS = (
    ("Zafferano", "الزعفران"), ("Rosa", "الورد"), ("Ambra", "العنبر"), ("Oud", "العود"), ("Cuoio", "الجلد"),
    ("Iris", "السوسن"), ("Incenso", "البخور"), ("Sandalo", "الصندل"), ("Fico", "التين"), ("Tabacco", "التبغ"),
    ("Muschio", "المسك"), ("Gelsomino", "الياسمين"), ("Vaniglia", "الفانيليا"), ("Neroli", "النيرولي"),
    ("Bergamotto", "البرغموت"), ("Limone", "الليمون"), ("Mare", "البحر"), ("Sicilia", "صقلية"),
    ("Capri", "كابري"), ("Amalfi", "أمالفي"), ("Mezzanotte", "منتصف الليل"), ("Agrumi", "الحمضيات"),
)
# Flankers, as GCC shops print them (transliterated).
FLANKERS = ((" Intense", " إنتنس"), (" Absolu", " أبسولو"), (" Noir", " نوار"), (" Elixir", " إليكسير"),
            (" Privé", " بريفيه"))
ARABIAN_FLANKERS = ((" Royal", " رويال"), (" Gold", " جولد"), (" Black", " بلاك"), (" Intense", " إنتنس"))
# How a category wraps a name: (English, Arabic) with {name} in each.
CATEGORY_NAME_FORMS = {
    "attar-oil": ("{name} Attar", "دهن {name}"),
    "bakhoor": ("{name} Bakhoor", "بخور {name}"),
    "body-mist": ("{name} Body Mist", "معطر الجسم {name}"),
    "gift-set": ("{name} Gift Set", "طقم هدايا {name}"),
    "room-spray": ("{name} Room Spray", "معطر غرف {name}"),
    "diffuser": ("{name} Reed Diffuser", "فواحة أعواد {name}"),
    "samples": ("{name} Discovery Set", "مجموعة اكتشاف {name}"),
}

# Descriptions.
FAMILY_WORDS = {  # (English, Arabic adjective after a masculine noun)
    "oud": ("oud", "عودي"), "amber": ("amber", "عنبري"), "woody": ("woody", "خشبي"), "floral": ("floral", "زهري"),
    "fresh": ("fresh", "منعش"), "citrus": ("citrus", "حمضي"), "aquatic": ("aquatic", "مائي"),
    "gourmand": ("gourmand", "حلو"), "spicy": ("spicy", "حار"), "musky": ("musky", "مسكي"),
    "leather": ("leather", "جلدي"), "aromatic": ("aromatic", "عشبي"), "fruity": ("fruity", "فاكهي"),
    "green": ("green", "أخضر"), "powdery": ("powdery", "بودري"),
}
CONCENTRATION_WORDS = {
    "extrait": ("extrait de parfum", "إكستريه دو بارفان"), "parfum": ("parfum", "بارفان"),
    "edp": ("eau de parfum", "أو دو بارفان"), "edt": ("eau de toilette", "أو دو تواليت"),
    "edc": ("eau de cologne", "أو دو كولونيا"), "oil": ("perfume oil", "دهن عطري"),
}
GENDER_WORDS = {"men": ("for men", "رجالي"), "women": ("for women", "نسائي"), "unisex": ("for men and women", "للجنسين")}
DESCRIPTION_OPENINGS = {  # {name} {a} {family} {conc} {gender} {house}; Arabic: {family_ar} {conc_ar} {gender_ar}
    "perfume": ("{name} is {a} {family} {conc} {gender} by {house}.",
                "«{name}» عطر {family_ar} {gender_ar} من {house}، بتركيز {conc_ar}."),
    "attar-oil": ("{name} is {a} {family} perfume oil {gender} by {house}: alcohol-free, and a drop is enough.",
                  "«{name}» عطر زيتي {family_ar} {gender_ar} من {house}، خالٍ من الكحول وتكفي منه قطرة."),
    "bakhoor": ("{name} is {a} {family} bakhoor by {house}: wood chips soaked in perfumed oils, for the majlis "
                "and for scenting clothes.",
                "«{name}» من {house}: رقائق خشب مشبعة بزيوت عطرية بطابع {family_ar}، لتبخير المجلس والملابس."),
    "body-mist": ("{name} is a light {family} body mist {gender} by {house}, to spray generously through the day.",
                  "«{name}» من {house}: رذاذ خفيف بطابع {family_ar} {gender_ar}، يُرش بسخاء طوال اليوم."),
    "gift-set": ("{name} is a gift set by {house}: the {family} {conc} with a matching travel spray, boxed and ready "
                 "to give.",
                 "«{name}» من {house}: عطر {family_ar} بتركيز {conc_ar} مع بخاخ صغير للسفر، في علبة جاهزة للإهداء."),
    "home": ("{name} is {a} {family} home fragrance by {house} for the living room, the majlis and the guest room.",
             "«{name}» من {house}: عطر منزلي بطابع {family_ar} لغرفة الجلوس والمجلس وغرفة الضيوف."),
    "samples": ("{name} is a set of sample vials by {house} with {a} {family} theme, to try before choosing a full "
                "bottle.",
                "«{name}» من {house}: عينات بطابع {family_ar} للتجربة قبل اختيار الزجاجة الكاملة."),
}
DESCRIPTION_PYRAMID = ("It opens with {top}, has a heart of {heart} and settles on {base}.",
                       "تتألف مقدمته من {top}، وقلبه من {heart}، وقاعدته من {base}.")
DESCRIPTION_CLOSINGS = {
    "oud": ("Made for majlis evenings, weddings and Eid.", "صُنع لأمسيات المجلس والأعراس والأعياد."),
    "amber": ("Warm and enveloping, at its best on cool evenings.", "دافئ وغامر، وأجمل ما يكون في الأمسيات الباردة."),
    "woody": ("Dry, elegant and easy to wear from morning to night.", "جاف وأنيق وسهل الاستعمال من الصباح حتى المساء."),
    "floral": ("Bright and romantic, a natural choice for weddings and spring days.",
               "مشرق ورومانسي، واختيار طبيعي للأعراس وأيام الربيع."),
    "fresh": ("Clean and effortless, made for the office and the summer heat.", "نظيف وسهل، مصنوع للدوام وحرّ الصيف."),
    "citrus": ("Sparkling and sunny, best sprayed generously in the morning.",
               "متلألئ ومشمس، وأجمل ما يكون حين يُرش بسخاء في الصباح."),
    "aquatic": ("Cool as a sea breeze on the Corniche.", "بارد كنسمة البحر على الكورنيش."),
    "gourmand": ("Sweet and comforting, with a trail people follow.", "حلو ومريح، ويترك أثرًا يلاحقه الناس."),
    "spicy": ("Warm and spicy, with character from the first spray.", "دافئ وحار، وله شخصية من أول رشة."),
    "musky": ("Soft and clean, a second skin for every day.", "ناعم ونظيف، كبشرة ثانية لكل يوم."),
    "leather": ("Smoky and confident, for evenings out.", "مدخّن وواثق، للسهرات."),
    "aromatic": ("Herbal and fresh, a modern classic for the office.", "عشبي ومنعش، كلاسيكية حديثة للدوام."),
    "fruity": ("Juicy and playful, made to make you smile.", "زاهٍ ومرح، يرسم الابتسامة على الوجه."),
    "green": ("Green and crisp, like a walk through a garden after rain.", "أخضر ومنعش كنزهة في حديقة بعد المطر."),
    "powdery": ("Soft and powdery, elegant and a little nostalgic.", "ناعم وبودري، أنيق وفيه شيء من الحنين."),
}
REJECTION_REASONS = (
    "The Arabic name and description are missing or machine-translated.",
    "The photos show a different bottle size from the variants listed.",
    "The brand has not authorised this seller; upload the distribution letter.",
    "The price of the 3 ml sample looks like a typo.",
)

# Reviewers (fictional customers): (first name, family name) in English and Arabic.
ARAB_REVIEWER_FIRST_NAMES = (
    ("Fatima", "فاطمة"), ("Mariam", "مريم"), ("Noura", "نورة"), ("Hessa", "حصة"), ("Shamma", "شما"),
    ("Latifa", "لطيفة"), ("Maha", "مها"), ("Reem", "ريم"), ("Sara", "سارة"), ("Alya", "علياء"), ("Moza", "موزة"),
    ("Hind", "هند"), ("Dana", "دانة"), ("Khalid", "خالد"), ("Ahmed", "أحمد"), ("Mohammed", "محمد"),
    ("Saeed", "سعيد"), ("Sultan", "سلطان"), ("Abdullah", "عبدالله"), ("Faisal", "فيصل"), ("Majid", "ماجد"),
    ("Hamad", "حمد"), ("Salem", "سالم"), ("Yousef", "يوسف"), ("Omar", "عمر"), ("Ali", "علي"), ("Nasser", "ناصر"),
    ("Tareq", "طارق"),
)
ARAB_REVIEWER_FAMILY_NAMES = (
    ("Al Mazrouei", "المزروعي"), ("Al Ketbi", "الكتبي"), ("Al Shamsi", "الشامسي"), ("Al Hammadi", "الحمادي"),
    ("Al Marri", "المري"), ("Al Suwaidi", "السويدي"), ("Al Zaabi", "الزعابي"), ("Al Balushi", "البلوشي"),
    ("Al Harthy", "الحارثي"), ("Al Otaibi", "العتيبي"), ("Al Dosari", "الدوسري"), ("Al Ghamdi", "الغامدي"),
    ("Al Ajmi", "العجمي"), ("Haddad", "حداد"), ("Khoury", "خوري"), ("Mansour", "منصور"), ("Saleh", "صالح"),
)
OTHER_REVIEWERS = (
    "Priya Nair", "Arjun Menon", "Maria Santos", "Jose Reyes", "Sarah Mitchell", "James Walker", "Ayesha Khan",
    "Bilal Ahmed", "Olga Petrova", "Chloe Martin", "Daniel Fischer", "Mei Lin", "Raj Patel", "Hira Malik",
    "Hannah Brown", "Lucas Silva", "Anna Kowalski", "Emily Clarke", "Kevin D'Souza", "Nadia Rahman",
)

# Review sentences, each an (English, Arabic) pair. {note} and {note2} are note names (Arabic: definite form).
REVIEW_OPENINGS = {
    5: (("Absolutely stunning, one of the best in my collection.", "رائع جدًا، من أجمل العطور في مجموعتي."),
        ("I get compliments every single time I wear it.", "أتلقى المديح في كل مرة أضعه فيها."),
        ("Worth every dirham.", "يستحق كل درهم."),
        ("It is my signature scent now; I have already bought a second bottle.",
         "صار عطري المفضّل، واشتريت الزجاجة الثانية."),
        ("Elegant, rich and beautifully blended.", "فخم وغني ومتوازن جدًا."),
        ("Smells even better in person than the description suggests.", "رائحته على الطبيعة أجمل من الوصف.")),
    4: (("Really nice, though not quite perfect for me.", "جميل جدًا، لكنه ليس مثاليًا بالنسبة لي."),
        ("A lovely scent that I reach for often.", "رائحة جميلة أستعملها كثيرًا."),
        ("Very good quality for the price.", "جودة ممتازة مقابل السعر."),
        ("Smooth and pleasant, a safe blind buy.", "ناعم ولطيف، ويمكن شراؤه دون تجربة."),
        ("Beautiful opening; the dry-down is quieter than I hoped.", "افتتاحيته جميلة، لكن ختامه أهدأ مما توقعت.")),
    3: (("It's fine, but nothing special.", "لا بأس به، لكنه ليس مميزًا."),
        ("Nice at first, then it fades into something generic.", "جميل في البداية ثم يصبح عاديًا."),
        ("Decent, but I expected more from this house.", "مقبول، لكنني توقعت أكثر من هذه الدار."),
        ("Pleasant enough for everyday use.", "مناسب للاستعمال اليومي.")),
    2: (("Not for me, too sharp on my skin.", "لم يناسبني، حاد جدًا على بشرتي."),
        ("Disappointing; it disappeared after an hour.", "مخيّب للأمل، اختفى بعد ساعة."),
        ("Smells cheaper than the price.", "رائحته أرخص من سعره.")),
    1: (("The bottle is beautiful, the scent much less so.", "الزجاجة جميلة، أما الرائحة فأقل بكثير."),
        ("Not what I expected at all; I gave it away.", "ليس كما توقعت أبدًا، وأهديته لغيري.")),
}
REVIEW_NOTE_SENTENCES = (
    ("The {note} really comes through after the first hour.", "نفحة {note} تظهر بوضوح بعد الساعة الأولى."),
    ("I love how the {note} sits with the {note2}.", "أحب انسجام {note} مع {note2}."),
    ("Lots of {note} in the opening.", "الافتتاحية غنية بنفحة {note}."),
    ("The {note} is the star here.", "نجم هذا العطر بلا منازع: {note}."),
    ("If you like {note}, you will love this.", "إذا كنت تحب {note} فستعشق هذا العطر."),
)
REVIEW_BASE_NOTE_SENTENCE = ("The {note} in the base stays on clothes for days.",
                             "يبقى أثر {note} في القاعدة على الملابس لأيام.")
REVIEW_LONGEVITY = {
    "weak": (("Longevity is weak, about two hours on me.", "ثباته ضعيف، ساعتان تقريبًا على بشرتي."),),
    "moderate": (("It lasts a good five to six hours.", "يدوم خمس إلى ست ساعات."),),
    "strong": (("Lasts all day and is still on my clothes the next morning.", "يدوم طوال اليوم ويبقى على ملابسي حتى الصباح."),
               ("Beast mode: twelve hours easily.", "ثباته وحشي، اثنتا عشرة ساعة بسهولة.")),
}
REVIEW_SILLAGE = {
    "soft": (("It sits close to the skin, perfect for the office.", "فوحانه قريب من البشرة، مناسب للدوام."),),
    "moderate": (("Moderate projection; people notice it when they come close.", "فوحانه معتدل، يلاحظه من يقترب منك."),),
    "strong": (("It fills the room; two sprays are enough.", "فوّاح جدًا، وبختان تكفيان."),),
}
REVIEW_OCCASIONS = {
    "winter": ("Perfect for cool winter evenings.", "مثالي لأمسيات الشتاء الباردة."),
    "summer": ("Great in the summer heat.", "رائع في حرّ الصيف."),
    "ramadan-eid": ("I wear it for Eid and family gatherings.", "أضعه في العيد والتجمعات العائلية."),
    "office": ("Safe for the office.", "مناسب للدوام."),
    "wedding": ("I wore it to a wedding and everyone asked about it.", "وضعته في عرس وسألني الجميع عنه."),
}
REVIEW_VALUE = {
    "good": ("Excellent value for money.", "قيمته ممتازة مقابل سعره."),
    "poor": ("A bit overpriced for what it is.", "سعره مبالغ فيه قليلًا."),
}
REVIEW_BAKHOOR = (("It burns cleanly and the scent stays in the majlis for hours.",
                   "يحترق بنظافة وتبقى رائحته في المجلس لساعات."),
                  ("Perfect for scenting abayas and kanduras after ironing.", "مثالي لتبخير العبايات والكنادير بعد الكي."))

# Fragments for the synthetic houses and shops the 100,000-product generator adds.
SYNTHETIC_ARABIAN_HOUSE_HEADS = (("Dar", "دار"), ("Bayt", "بيت"), ("Qasr", "قصر"), ("Oud", "عود"), ("Misk", "مسك"),
                                 ("Attar", "عطار"), ("Kanz", "كنز"), ("Nafahat", "نفحات"))
SYNTHETIC_WESTERN_HOUSE_FORMS = (("Maison {word}", "ميزون {word_ar}"), ("Atelier {word}", "أتيليه {word_ar}"),
                                 ("{word} Parfums", "{word_ar} للعطور"), ("{word} & Co.", "{word_ar} وشركاه"),
                                 ("Studio {word}", "ستوديو {word_ar}"))
SYNTHETIC_WESTERN_WORDS = (
    ("Aubert", "أوبير"), ("Castel", "كاستيل"), ("Verlaine", "فيرلين"), ("Solenne", "سولين"), ("Marlowe", "مارلو"),
    ("Ravel", "رافيل"), ("Bastide", "باستيد"), ("Linden", "ليندن"), ("Orsini", "أورسيني"), ("Halden", "هالدن"),
    ("Severin", "سيفيرين"), ("Calloway", "كالواي"), ("Morrow", "مورو"), ("Bellamy", "بيلامي"), ("Quill", "كويل"),
    ("Fennimore", "فينيمور"), ("Arden", "آردن"), ("Lumen", "لومن"), ("Vesper", "فيسبر"), ("Corvin", "كورفين"),
)
SYNTHETIC_COUNTRIES = {"arabian": ("AE", "SA", "OM", "KW", "QA", "BH"), "designer": ("FR", "IT", "GB", "US", "ES"),
                       "niche": ("FR", "IT", "GB", "CH", "NL", "SE"), "indie": ("US", "GB", "AE", "CA", "AU", "LB")}
SYNTHETIC_STORY = (
    "{name} is a {style} house from {country} with a catalogue built around {family} perfumes. "
    "It sells across the Gulf through independent perfumeries.",
    "{name_ar} دار عطور {style_ar} من {country_ar} تقوم مجموعتها على عطور بطابع {family_ar}. "
    "وتُباع عطورها في أنحاء الخليج عبر محلات العطور المستقلة.",
)
STYLE_WORDS = {"arabian": ("Arabian", "عربية"), "designer": ("designer", "عالمية"), "niche": ("niche", "فاخرة"),
               "indie": ("indie", "مستقلة")}
COUNTRY_NAMES = {
    "AE": ("the UAE", "الإمارات"), "SA": ("Saudi Arabia", "السعودية"), "OM": ("Oman", "عُمان"),
    "KW": ("Kuwait", "الكويت"), "QA": ("Qatar", "قطر"), "BH": ("Bahrain", "البحرين"), "FR": ("France", "فرنسا"),
    "IT": ("Italy", "إيطاليا"), "GB": ("the United Kingdom", "المملكة المتحدة"), "US": ("the United States", "الولايات المتحدة"),
    "ES": ("Spain", "إسبانيا"), "CH": ("Switzerland", "سويسرا"), "NL": ("the Netherlands", "هولندا"),
    "SE": ("Sweden", "السويد"), "CA": ("Canada", "كندا"), "AU": ("Australia", "أستراليا"), "LB": ("Lebanon", "لبنان"),
}
SYNTHETIC_VENDOR_AREAS = (  # (English, Arabic, emirate)
    ("Karama", "الكرامة", "dubai"), ("Al Barsha", "البرشاء", "dubai"), ("Jumeirah", "جميرا", "dubai"),
    ("Mirdif", "مردف", "dubai"), ("Al Quoz", "القوز", "dubai"), ("Al Nahda", "النهدة", "dubai"),
    ("Al Khalidiyah", "الخالدية", "abu-dhabi"), ("Mussafah", "مصفح", "abu-dhabi"), ("Al Ain", "العين", "abu-dhabi"),
    ("Al Majaz", "المجاز", "sharjah"), ("Al Qasba", "القصباء", "sharjah"), ("Al Nuaimiya", "النعيمية", "ajman"),
    ("Khor Fakkan", "خورفكان", "sharjah"), ("Dibba", "دبا", "fujairah"), ("Al Hamra", "الحمراء", "ras-al-khaimah"),
    ("Al Salama", "السلامة", "umm-al-quwain"),
)
SYNTHETIC_VENDOR_KINDS = (("Perfumes", "عطور {area}"), ("Oud House", "بيت عود {area}"),
                          ("Fragrance Gallery", "معرض عطور {area}"), ("Attars", "أدهان {area}"))

# Name words that promise a material, with the scent families they suit ("Velvet Rose" is not a leather).
# Words not listed (Layali, Velvet, Night, Nuit …) suit any family.
_OUD = ("oud", "woody", "amber", "leather", "spicy")
_ROSE = ("floral", "oud", "fruity", "powdery")
_AMBER = ("amber", "oud", "gourmand", "spicy", "woody", "musky")
_MUSK = ("musky", "powdery", "floral", "fresh", "amber")
_SAFFRON = ("spicy", "oud", "amber", "leather")
_LEATHER = ("leather", "woody", "oud", "spicy")
_IRIS = ("powdery", "floral", "woody")
_JASMINE = ("floral", "fresh", "musky", "fruity")
_WOOD = ("woody", "aromatic", "green", "fresh", "musky", "amber")
_TOBACCO = ("woody", "leather", "amber", "spicy", "gourmand")
_VANILLA = ("gourmand", "amber", "powdery")
_TEA = ("green", "fresh", "aromatic", "citrus")
_INCENSE = ("amber", "woody", "oud", "spicy")
_FIG = ("green", "fruity", "woody")
_CITRUS = ("citrus", "fresh", "aromatic", "green", "floral")
_SEA = ("aquatic", "fresh", "citrus", "aromatic")
_WARM = ("amber", "spicy", "woody", "oud", "leather", "gourmand")
_LIGHT = ("fresh", "aquatic", "citrus", "green", "aromatic", "floral", "musky", "fruity")
NAME_WORD_FAMILIES = {
    "Oud": _OUD, "Al Oud": _OUD, "Misk": _MUSK + ("oud",), "Al Misk": _MUSK + ("oud",), "Ward": _ROSE,
    "Al Ward": _ROSE, "Zahrat": ("floral", "fruity", "green", "powdery", "fresh", "citrus", "musky"),
    "Anbar": _AMBER, "Al Anbar": _AMBER, "Al Zafaran": _SAFFRON, "Al Yasmeen": _JASMINE, "Al Bahr": _SEA,
    "Al Sandal": _WOOD + ("oud",), "Naseem": _LIGHT, "Al Shita": _WARM, "Al Nakheel": _LIGHT + ("gourmand",),
    "Al Sahra": _WARM + ("musky",), "Al Dhahab": _WARM + ("floral", "musky"),
    "Rose": _ROSE, "Amber": _AMBER, "Musk": _MUSK, "Saffron": _SAFFRON, "Leather": _LEATHER, "Iris": _IRIS,
    "Jasmine": _JASMINE, "Cedar": _WOOD, "Tobacco": _TOBACCO, "Orchid": ("floral", "gourmand", "powdery", "fruity"),
    "Vanilla": _VANILLA, "Tea": _TEA, "Santal": _WOOD + ("oud",), "Incense": _INCENSE, "Fig": _FIG,
    "Neroli": _CITRUS, "Patchouli": ("woody", "amber", "gourmand"), "Lavender": ("aromatic", "fresh", "powdery"),
    "Gardenia": ("floral",), "Plum": ("fruity", "amber", "gourmand"), "Peony": ("floral", "fruity", "fresh"),
    "Breeze": _LIGHT, "Storm": ("aquatic", "fresh", "aromatic", "woody", "leather"),
    "Pearl": ("musky", "powdery", "floral", "aquatic", "fresh"), "Ember": _WARM, "Flame": _WARM,
    "Oasis": _LIGHT + ("gourmand",), "Cashmere": ("musky", "woody", "powdery", "amber"), "Smoky": _WARM,
    "Blue": ("fresh", "aquatic", "aromatic", "citrus", "woody"), "Sunlit": _LIGHT, "Desert": _WARM + ("musky",),
    "Emerald": ("green", "aromatic", "fresh", "citrus", "floral"),
    "Safran": _SAFFRON, "Zafferano": _SAFFRON, "Rosa": _ROSE, "Ambre": _AMBER, "Ambra": _AMBER, "Cuir": _LEATHER,
    "Cuoio": _LEATHER, "Encens": _INCENSE, "Incenso": _INCENSE, "Sandalo": _WOOD + ("oud",), "Figue": _FIG,
    "Fico": _FIG, "Tabac": _TOBACCO, "Tabacco": _TOBACCO, "Musc": _MUSK, "Muschio": _MUSK, "Jasmin": _JASMINE,
    "Gelsomino": _JASMINE, "Vanille": _VANILLA, "Vaniglia": _VANILLA, "Néroli": _CITRUS, "Cèdre": _WOOD,
    "Violette": ("powdery", "floral"), "Thé": _TEA, "Bergamote": _CITRUS + ("woody",),
    "Bergamotto": _CITRUS + ("woody",), "Limone": _CITRUS, "Agrumi": _CITRUS, "Mare": _SEA,
    "Sicilia": _LIGHT, "Capri": _LIGHT, "Amalfi": _LIGHT, "Poudre": ("powdery", "musky", "floral", "gourmand"),
    "Orient": _WARM, "Sable": _WARM + ("musky",), "Acqua": _LIGHT, "Soie": ("musky", "powdery", "floral", "fresh"),
}
