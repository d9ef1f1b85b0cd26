"""The address book in a real browser: in Arabic on a phone, adding, editing in place and deleting with htmx."""

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll


def test_add_edit_in_place_and_delete_an_address_in_arabic_on_a_phone(signed_in_page):
    page, user = signed_in_page("customer", "ar", PHONE)
    page.goto("/account/addresses")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")  # the account reads AromaSouQ in Arabic
    expect(page.get_by_role("heading", name="لا توجد عناوين بعد")).to_be_visible()
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSamePage = true; }")  # gone if anything reloads the page

    page.get_by_role("link", name="إضافة عنوان").click()
    form = page.locator("#new-address-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("اسم العنوان", exact=True)).to_be_focused()
    form.get_by_role("button", name="حفظ العنوان").click()  # empty: the errors come back inline, in Arabic
    expect(form.locator(".field__error").first).to_be_visible()
    expect(form).to_contain_text("أدخل اسم الشخص الذي سيستلم الطلب.")
    assert_accessible(page)

    form.get_by_label("اسم العنوان", exact=True).fill("البيت")
    form.get_by_label("الاسم الكامل للمستلم", exact=True).fill("نور الهاشمي")
    form.get_by_label("رقم هاتف المستلم المتحرك", exact=True).fill("050 123 4567")
    form.get_by_label("الإمارة", exact=True).fill("دبي")
    form.get_by_label("المنطقة", exact=True).fill("البرشاء")
    form.get_by_label("الشارع", exact=True).fill("شارع 12")
    form.get_by_label("المبنى أو الفيلا", exact=True).fill("فيلا 7")
    form.get_by_role("button", name="حفظ العنوان").click()
    card = page.locator(".address-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("البيت")
    expect(card).to_contain_text("الافتراضي")
    expect(card).to_contain_text("+971 50 123 4567")
    expect(page.locator(".toast--success")).to_have_text("تمت إضافة العنوان.")
    expect(form).to_have_count(0)

    card.get_by_role("link", name="تعديل").click()  # the form takes the card's place
    edit_form = page.locator(".address-list .address-form")
    expect(edit_form).to_be_visible()
    expect(card).to_have_count(0)
    expect(edit_form.get_by_label("رقم هاتف المستلم المتحرك", exact=True)).to_have_value("+971 50 123 4567")
    expect(edit_form.get_by_label("الإمارة", exact=True)).to_have_value("دبي")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    edit_form.get_by_label("اسم العنوان", exact=True).fill("المكتب")
    edit_form.get_by_label("الشقة أو الطابق (اختياري)", exact=True).fill("1204")
    edit_form.get_by_role("button", name="حفظ العنوان").click()
    expect(edit_form).to_have_count(0)
    expect(card).to_contain_text("المكتب")
    expect(card).to_contain_text("شقة 1204")
    expect(card.get_by_role("link", name="تعديل")).to_be_focused()  # the focus is back where it was
    expect(page.locator(".toast--success").last).to_have_text("تم حفظ العنوان.")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.once("dialog", lambda dialog: dialog.accept())  # hx-confirm asks "Delete this address?"
    card.get_by_role("link", name="حذف").click()
    expect(card).to_have_count(0)
    expect(page.get_by_role("heading", name="لا توجد عناوين بعد")).to_be_visible()
    assert page.evaluate("() => window.stillTheSamePage === true")  # all of it happened in place
    assert page.url.endswith("/account/addresses")
