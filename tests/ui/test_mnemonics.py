"""Alt+letter mnemonics: FormSection labels get a free letter each (never the menu bar's),
the action plan's toolbar and the change log's filter have their own, and Alt+letter
moves focus to the field. Keys are ASCII only (keyClicks aborts on Swedish letters)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tryggapp.ui.widgets.form import FormSection
from tryggapp.ui.widgets.mnemonics import assign, menu_letters, mnemonic, strip_mnemonic

ALT = Qt.KeyboardModifier.AltModifier


def test_assign_picks_initials_then_other_letters_and_makes_room():
    assert assign(["Titel", "Typ", "Beskrivning"], set()) == ["&Titel", "T&yp", "&Beskrivning"]
    # "Start" has only s and t left: "Status" moves on to another letter for it.
    assert assign(["Status", "Statusorsak", "Start"], {"a", "r", "v", "h", "n"}) == [
        "Stat&us", "S&tatusorsak", "&Start"]
    assert assign(["Nr"], {"n", "r"}) == ["Nr"]  # no free letter: none rather than a clash
    assert assign(["Kvalitet & säkerhet", "&Klar"], set()) == ["Kvalitet && &säkerhet", "&Klar"]
    assert strip_mnemonic("K&valitet && säkerhet") == "Kvalitet & säkerhet"




def test_menu_letters_are_the_menu_bars(window):
    bar = {mnemonic(a.text()) for a in window.menuBar().actions()}
    assert bar == menu_letters() == {"a", "r", "v", "h"}


def _forms(window) -> list[FormSection]:
    for key in window.section_types:
        window.show_section(key)
    return [f for f in window.findChildren(FormSection) if f.labels]


def test_every_form_label_has_its_own_letter_and_none_of_the_menus(window):
    forms = _forms(window)
    assert len(forms) >= 6
    for form in forms:
        letters = [mnemonic(label.text()) for label in form.labels.values()]
        used = [x for x in letters if x]
        assert len(used) == len(set(used)), [label.text() for label in form.labels.values()]
        assert not set(used) & menu_letters()
        assert len(used) >= len(letters) - 1, [label.text() for label in form.labels.values()]  # at most one without (the plan's "Nr")
        for name, label in form.labels.items():
            assert label.buddy() is form.fields[name]


def test_plan_toolbar_mnemonics_clash_with_neither_menus_nor_the_detail_form(window):
    plan = window.show_section("plan")
    buttons = (plan.new_button, plan.bulk_button, plan.delete_button, plan.export_button, plan.import_button)
    assert [strip_mnemonic(b.text()) for b in buttons] == [
        "Ny åtgärd", "Ändra markerade…", "Ta bort", "Exportera…", "Importera…"]
    letters = [mnemonic(b.text()) for b in buttons]
    assert all(letters) and len(set(letters)) == len(letters)
    assert not set(letters) & menu_letters()
    assert not set(letters) & plan.detail.form.mnemonics()
    assert strip_mnemonic(plan.detail.form.labels["title"].text()) == "Åtgärd"


def test_goal_page_forms_do_not_share_letters(window):
    section = window.show_section("programme")
    goal = next(k for k in section.model.node_keys() if k[0] == "goal")
    section.select(*goal)
    page = section.current_page()
    assert page.form.mnemonics() and page.follow_up.form.mnemonics()
    assert not page.form.mnemonics() & page.follow_up.form.mnemonics()


def test_alt_letter_moves_focus_to_the_field(window, qtbot):
    section = window.show_section("programme")
    page = section.current_page()
    form = page.form
    label = form.labels["reference_number"]
    letter = mnemonic(label.text())
    assert letter.isascii()
    page.form.fields["title"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["reference_number"])


def test_change_log_show_label_leads_to_its_filter(window, qtbot):
    audit = window.show_section("audit")
    label = audit.show_label
    assert isinstance(label, QLabel) and label.buddy() is audit.table_filter
    letter = mnemonic(label.text())
    assert letter == "i" and letter not in menu_letters()  # "V&isa:": V is the Visa menu's
    audit.pane.search.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is audit.table_filter)
